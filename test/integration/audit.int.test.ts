import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/server/audit/audit.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { verifyAuditChains } from '../../src/server/audit/verify.js';
import { auditDigest, auditHash, chainHash } from '../../src/server/audit/hash.js';
import type { Ctx } from '../../src/server/context.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

describe.skipIf(!!dbSkipReason)(`the audit trail (${dbKind})`, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;
  let admin: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '501' });
    app = await buildTestApp(database);
    admin = await loginAs(app, database.db, m.admin);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const ctxFor = (tx: Ctx['tx']): Ctx => ({ tx, municipalityId: m.municipality.id, actor: null, requestId: 'test', lang: 'da', now: new Date() });
  const count = async (action: string) =>
    (await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, m.municipality.id), eq(auditEvent.action, action))))).length;

  it('writes the event in the same transaction as the work: a rollback leaves no event', async () => {
    await expect(
      inTenant(database.db, m.municipality.id, async (tx) => {
        await audit(ctxFor(tx), { action: 'test.rolled_back' });
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await count('test.rolled_back')).toBe(0);
  });

  it('records who, what, which persons, purpose and outcome', async () => {
    const personId = '11111111-1111-4111-8111-111111111111';
    await inTenant(database.db, m.municipality.id, (tx) =>
      audit(
        { ...ctxFor(tx), actor: { userId: m.admin.id, name: 'Ada', roles: ['admin'], departmentId: null } },
        { action: 'test.read', targetType: 'family', targetId: 'f1', personIds: [personId], purpose: 'opfølgning', details: { n: 1 } },
      ),
    );
    const [row] = await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(eq(auditEvent.action, 'test.read')));
    expect(row).toMatchObject({ actorUserId: m.admin.id, actorRole: 'admin', targetType: 'family', personIds: [personId], purpose: 'opfølgning', outcome: 'success' });
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the hash chain whole under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => inTenant(database.db, m.municipality.id, (tx) => audit(ctxFor(tx), { action: 'test.concurrent', details: { i } }))),
    );
    const [report] = await verifyAuditChains(database.db, '501');
    expect(report!.firstBroken).toBeNull();
    expect(report!.rows).toBeGreaterThanOrEqual(12);
  });

  it('names the first row whose content was changed behind its back', async () => {
    const other = await buildMunicipality(database.db, { code: '502' });
    const rows = await asSystem(database.db, (tx) =>
      tx.select({ seq: auditEvent.seq }).from(auditEvent).where(eq(auditEvent.municipalityId, other.municipality.id)).orderBy(auditEvent.seq),
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // The owner (not the app role) can still change rows; the chain shows it.
    await asSystem(database.db, (tx) => tx.execute(sql`update audit_event set action = 'forged' where seq = ${rows[1]!.seq}`));
    const [report] = await verifyAuditChains(database.db, '502');
    expect(report!.firstBroken).toEqual({ seq: rows[1]!.seq, reason: 'hash_mismatch' });
  });

  it('names the row after one that was deleted', async () => {
    const other = await buildMunicipality(database.db, { code: '503' });
    await inTenant(database.db, other.municipality.id, async (tx) => {
      for (let i = 0; i < 3; i++) await audit({ ...ctxFor(tx), municipalityId: other.municipality.id }, { action: 'test.x' });
    });
    const rows = await asSystem(database.db, (tx) =>
      tx.select({ seq: auditEvent.seq }).from(auditEvent).where(eq(auditEvent.municipalityId, other.municipality.id)).orderBy(auditEvent.seq),
    );
    await asSystem(database.db, (tx) => tx.execute(sql`delete from audit_event where seq = ${rows[2]!.seq}`));
    const [report] = await verifyAuditChains(database.db, '503');
    expect(report!.firstBroken).toEqual({ seq: rows[3]!.seq, reason: 'prev_hash_mismatch' });
  });

  describe('the chain the database keeps (migration 0014)', () => {
    const lastRow = async (municipalityId: string) =>
      (await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(eq(auditEvent.municipalityId, municipalityId)).orderBy(desc(auditEvent.seq)).limit(1)))[0]!;

    it("numbers and chains each row itself: the writer's seq, previous hash and hash are replaced", async () => {
      const before = await lastRow(m.municipality.id);
      await inTenant(database.db, m.municipality.id, (tx) =>
        tx.insert(auditEvent).values({
          municipalityId: m.municipality.id, seq: 1, occurredAt: new Date('2026-01-01T00:00:00.000Z'), actorUserId: null, actorRole: null,
          action: 'test.forged_chain', targetType: null, targetId: null, personIds: [], purpose: null, outcome: 'success', details: {},
          requestId: 'test', prevHash: 'f'.repeat(64), hash: 'f'.repeat(64),
          digest: auditDigest({ municipalityId: m.municipality.id, occurredAt: new Date('2026-01-01T00:00:00.000Z'), actorUserId: null, actorRole: null, action: 'test.forged_chain', targetType: null, targetId: null, personIds: [], purpose: null, outcome: 'success', details: {}, requestId: 'test' }),
        }),
      );
      const row = await lastRow(m.municipality.id);
      expect(row.action).toBe('test.forged_chain');
      expect(row.seq).toBeGreaterThan(before.seq);
      expect(row.prevHash).toBe(before.hash);
      expect(row.hash).toBe(chainHash(row.seq, before.hash, row.digest!));
      expect((await verifyAuditChains(database.db, '501'))[0]!.firstBroken).toBeNull();
    });

    it('refuses a row without the digest of its content and stores nothing', async () => {
      const before = await count('test.no_digest');
      await expect(
        inTenant(database.db, m.municipality.id, (tx) =>
          tx.insert(auditEvent).values({
            municipalityId: m.municipality.id, seq: 0, occurredAt: new Date(), actorUserId: null, actorRole: null, action: 'test.no_digest',
            targetType: null, targetId: null, personIds: [], purpose: null, outcome: 'success', details: {}, requestId: 'test', prevHash: '', hash: '',
          }),
        ),
      ).rejects.toThrow();
      expect(await count('test.no_digest')).toBe(before);
    });

    it('verifies a chain that began before the migration (hash version 1) and goes on in version 2', async () => {
      const other = await buildMunicipality(database.db, { code: '504' });
      const id = other.municipality.id;
      const head = await lastRow(id);
      // A row as the application wrote it before migration 0014: seq, previous hash and hash computed in Node, no digest.
      // The owner switches the audit triggers off for this one insert, in one transaction, as a database from before the migration would have it.
      await asSystem(database.db, async (tx) => {
        await tx.execute(sql`alter table audit_event disable trigger user`);
        const seq = Number((await tx.execute<{ seq: string }>(sql`select nextval('audit_event_seq_seq')::text as seq`)).rows[0]!.seq);
        const v1 = { municipalityId: id, seq, occurredAt: new Date('2026-01-02T03:04:05.678Z'), actorUserId: null, actorRole: null, action: 'test.v1', targetType: null, targetId: null, personIds: [], purpose: null, outcome: 'success' as const, details: { old: true }, requestId: 'test', prevHash: head.hash };
        await tx.insert(auditEvent).values({ ...v1, hash: auditHash(v1) });
        await tx.execute(sql`alter table audit_event enable trigger user`);
      });
      await inTenant(database.db, id, (tx) => audit({ ...ctxFor(tx), municipalityId: id }, { action: 'test.v2_after_v1' }));
      const [v1Row, v2Row] = (await asSystem(database.db, (tx) => tx.select().from(auditEvent).where(eq(auditEvent.municipalityId, id)).orderBy(desc(auditEvent.seq)).limit(2))).reverse();
      expect(v1Row!.digest).toBeNull();
      expect(v2Row!.prevHash).toBe(v1Row!.hash);
      expect((await verifyAuditChains(database.db, '504'))[0]!.firstBroken).toBeNull();
      // Changing only the stored digest of a version-2 row is noticed too.
      await asSystem(database.db, (tx) => tx.execute(sql`update audit_event set digest = ${'0'.repeat(64)} where municipality_id = ${id} and seq = ${v2Row!.seq}`));
      expect((await verifyAuditChains(database.db, '504'))[0]!.firstBroken).toEqual({ seq: v2Row!.seq, reason: 'hash_mismatch' });
    });
  });

  describe('the audit log page', () => {
    it('lets a manager filter by user, action, outcome and time, and audits the reading', async () => {
      const manager = await buildUser(database.db, m.municipality, { roles: ['manager'], mfa: true });
      const victim = await buildUser(database.db, m.municipality, { roles: ['coordinator'] });
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-csrf-token': 'a' }, payload: { email: victim.email, password: 'a wrong password here', municipalityCode: '501' } });
      const s = await loginAs(app, database.db, manager, '501');
      const res = await app.inject({ method: 'GET', url: `/api/v1/audit?action=auth.login_failed&outcome=failure&limit=10`, headers: s.headers });
      expect(res.statusCode).toBe(200);
      const events = res.json().events as Array<{ action: string; targetId: string; outcome: string }>;
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.action === 'auth.login_failed' && e.outcome === 'failure')).toBe(true);
      expect(events.some((e) => e.targetId === victim.id)).toBe(true);
      const mine = await app.inject({ method: 'GET', url: `/api/v1/audit?actorUserId=${manager.id}`, headers: s.headers });
      expect(mine.json().events.every((e: { actorUserId: string }) => e.actorUserId === manager.id)).toBe(true);
      const future = await app.inject({ method: 'GET', url: `/api/v1/audit?from=2999-01-01`, headers: s.headers });
      expect(future.json().events).toEqual([]);
      const reads = await asSystem(database.db, (tx) =>
        tx.select().from(auditEvent).where(and(eq(auditEvent.action, 'audit.read'), eq(auditEvent.actorUserId, manager.id))),
      );
      expect(reads.length).toBe(3);
      expect(reads.map((r) => r.details.criteria)).toContainEqual({ action: 'auth.login_failed', outcome: 'failure' });
    });

    it('filters by person', async () => {
      const personId = '22222222-2222-4222-8222-222222222222';
      await inTenant(database.db, m.municipality.id, (tx) => audit(ctxFor(tx), { action: 'test.person', personIds: [personId] }));
      const res = await app.inject({ method: 'GET', url: `/api/v1/audit?personId=${personId}`, headers: admin.headers });
      const events = res.json().events as Array<{ action: string; personIds: string[] }>;
      expect(events.map((e) => e.action)).toContain('test.person');
      expect(events.every((e) => e.personIds.includes(personId))).toBe(true);
    });

    it('pages with nextBefore until the end', async () => {
      const first = await app.inject({ method: 'GET', url: '/api/v1/audit?limit=3', headers: admin.headers });
      const page1 = first.json();
      expect(page1.events).toHaveLength(3);
      expect(page1.nextBefore).toBe(page1.events[2].seq);
      const second = await app.inject({ method: 'GET', url: `/api/v1/audit?limit=3&before=${page1.nextBefore}`, headers: admin.headers });
      expect(second.json().events[0].seq).toBeLessThan(page1.nextBefore);
    });

    it('refuses coordinators, professionals and analysts with an audited denial', async () => {
      for (const role of ['coordinator', 'professional', 'analyst'] as const) {
        const user = await buildUser(database.db, m.municipality, { roles: [role], mfa: true });
        const s = await loginAs(app, database.db, user, '501');
        const res = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: s.headers });
        expect(res.statusCode, role).toBe(403);
      }
    });

    it('refuses a malformed filter with a 400 naming the field', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/audit?actorUserId=nope&limit=9999&bogus=1', headers: admin.headers });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['actorUserId', 'bogus', 'limit']);
    });
  });
});
