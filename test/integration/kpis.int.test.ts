import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeDocument } from '../../src/shared/exchange/exchange.js';
import { kpiInputFromExchange, referenceKpis } from '../../src/shared/kpis.js';
import { DEFAULT_PUBLIC_SUPPORT } from '../../src/shared/measurements.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { goalProgress, goalProgressFromRatings, goalProgressUnpacked } from '../../src/server/modules/evaluation/kpis.repository.js';
import { kpisOfMunicipality } from '../../src/server/modules/evaluation/kpis.service.js';
import { importExchange } from '../../src/server/modules/exchange/import.service.js';
import { findMunicipalityByCode } from '../../src/server/modules/setup/municipalities.repository.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildUser, loginAs, type Session } from '../support/factories.js';
import { AS_OF_DATES, exchangeDocumentArb } from '../support/kpi-arbitraries.js';
import { buildTestApp } from '../support/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/exchange/example.json'), 'utf8')) as ExchangeDocument;
const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/exchange/example.kpis.json'), 'utf8')) as Record<string, unknown>;

describe.skipIf(!!dbSkipReason)(`the KPIs (${dbKind})`, { timeout: 300_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let municipalityId: string;
  let as: Record<'manager' | 'analyst' | 'coordinator' | 'admin', Session>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const result = await importExchange(database.db, example, { lang: 'da' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    municipalityId = result.municipality.id;
    const m = (await asSystem(database.db, (tx) => findMunicipalityByCode(tx, '999')))!;
    app = await buildTestApp(database);
    const user = async (role: 'manager' | 'analyst' | 'coordinator' | 'admin') =>
      loginAs(app, database.db, await buildUser(database.db, m, { roles: [role], mfa: true }));
    as = { manager: await user('manager'), analyst: await user('analyst'), coordinator: await user('coordinator'), admin: await user('admin') };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (who: keyof typeof as, url: string) => app.inject({ method: 'GET', url, headers: as[who].headers });

  it('computes example.kpis.json for example.json as of 2019-12-31 in SQL, to the last decimal', async () => {
    const kpis = await inTenant(database.db, municipalityId, (tx) => kpisOfMunicipality(tx, municipalityId, '2019-12-31'));
    expect(kpis).toStrictEqual(expected);
  });

  it('answers example.kpis.json on GET /evaluation/kpis to an analyst, and audits the read', async () => {
    const res = await get('analyst', '/api/v1/evaluation/kpis?asOf=2019-12-31');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toStrictEqual(expected);
    expect(res.headers['x-helhed-small-counts']).toBe('none');
    expect(res.headers['cache-control']).toBe('no-store');
    const [event] = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.municipalityId, municipalityId), eq(auditEvent.action, 'evaluation.kpis_read')))
        .orderBy(desc(auditEvent.seq))
        .limit(1),
    );
    expect(event?.details).toMatchObject({ asOf: '2019-12-31', exact: true });
  });

  it('hides counts of 1–4 from a manager as null, with what they give away, and says so in a header', async () => {
    const res = await get('manager', '/api/v1/evaluation/kpis?asOf=2019-12-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-helhed-small-counts']).toBe('hidden');
    const body = res.json();
    // 7 enrolled and 4 active: the group has a small count, so all of it that is small is hidden.
    expect(body.families).toEqual({ enrolled: 7, active: null, completed: null });
    expect(body.goalProgress.all).toEqual({ n: 6, closer: 6, share: 1 });
    expect(body.selfSupport.mothers).toEqual({ n: null, baseline: 0, followUp: null, baselineShare: null, followUpShare: null });
    expect(body.childrenOutOfSystem).toEqual(expected.childrenOutOfSystem);
    expect(body.costs).toEqual(expected.costs);
    expect(Object.keys(body)).toEqual(Object.keys(expected));
  });

  it('refuses coordinators and administrators, audited as a denied access, and an evaluation date that is not a date', async () => {
    for (const who of ['coordinator', 'admin'] as const) {
      const res = await get(who, '/api/v1/evaluation/kpis?asOf=2019-12-31');
      expect(res.statusCode).toBe(403);
    }
    const denied = await asSystem(database.db, (tx) =>
      tx
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.municipalityId, municipalityId), eq(auditEvent.action, 'access.denied')))
        .orderBy(desc(auditEvent.seq))
        .limit(2),
    );
    expect(denied.map((e) => e.details)).toEqual([
      expect.objectContaining({ attempted: 'evaluation.kpis_read' }),
      expect.objectContaining({ attempted: 'evaluation.kpis_read' }),
    ]);
    const bad = await get('analyst', '/api/v1/evaluation/kpis?asOf=2019-02-30');
    expect(bad.statusCode).toBe(400);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/evaluation/kpis?asOf=2019-12-31' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('gives all-zero counts and null shares before the first enrolment', async () => {
    const res = await get('analyst', '/api/v1/evaluation/kpis?asOf=2010-01-01');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.families).toEqual({ enrolled: 0, active: 0, completed: 0 });
    expect(body.goalProgress.all).toEqual({ n: 0, closer: 0, share: null });
    expect(body.costs).toEqual({ n: 0, beforeMean: null, duringMean: null });
    expect(body.duration).toEqual({ n: 0, meanMonths: null, medianMonths: null });
  });

  it('agrees exactly with the TypeScript reference on generated cohorts (fast-check)', async () => {
    const db = await createTestDatabase();
    try {
      await fc.assert(
        fc.asyncProperty(exchangeDocumentArb, fc.constantFrom(...AS_OF_DATES), async (doc, asOf) => {
          // Each case starts from an empty municipality: the families and persons of the last case go.
          await asSystem(db.db, (tx) => tx.execute(sql`truncate family, person, intervention_type cascade`));
          const result = await importExchange(db.db, doc, { lang: 'da' });
          if (!result.ok) throw new Error(`generated file refused: ${JSON.stringify(result.problems)}`);
          const sqlKpis = await inTenant(db.db, result.municipality.id, (tx) => kpisOfMunicipality(tx, result.municipality.id, asOf));
          expect(sqlKpis).toStrictEqual(referenceKpis(kpiInputFromExchange(doc, DEFAULT_PUBLIC_SUPPORT), asOf));
          // Every goal-progress statement agrees: from the database's summary (goal_rating_progress, when no rating
          // lies after T), from the ratings packed per day, and the general one for days the packing cannot hold.
          const [chosen, packed, general] = await inTenant(db.db, result.municipality.id, async (tx) => [
            await goalProgress(tx, result.municipality.id, asOf),
            await goalProgressFromRatings(tx, result.municipality.id, asOf),
            await goalProgressUnpacked(tx, result.municipality.id, asOf),
          ]);
          expect(chosen).toStrictEqual(packed);
          expect(general).toStrictEqual(packed);
        }),
        { numRuns: 60 },
      );
    } finally {
      await db.close();
    }
  });
});
