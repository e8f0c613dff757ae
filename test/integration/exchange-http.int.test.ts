import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeDocument } from '../../src/shared/exchange/exchange.js';
import type { ImportJobDto } from '../../src/shared/exchange/import-jobs.js';
import type { Role } from '../../src/shared/roles.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { exportExchange } from '../../src/server/modules/exchange/export.service.js';
import { exchangeImportJob } from '../../src/server/modules/exchange/import-jobs.table.js';
import { validateExchange } from '../../src/server/modules/exchange/validate.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality, buildUser, loginAs, type Session } from '../support/factories.js';
import { buildTestApp } from '../support/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/exchange/example.json'), 'utf8')) as ExchangeDocument;
/** Every table an import writes to (not the audit trail or the job table). */
const TABLES = ['family', 'person', 'family_member', 'staff_user', 'department', 'intervention_type', 'plan', 'plan_goal', 'goal_rating', 'support_status_period', 'child_welfare_period', 'concern_report', 'school_attendance', 'intervention', 'assessment', 'municipality'];
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const WHO = ['admin', 'analyst', 'manager', 'coordinator', 'professional'] as const;
type Who = (typeof WHO)[number];

describe.skipIf(!!dbSkipReason)(`helhed-exchange over HTTP (${dbKind})`, { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let mid: string;
  let as: Record<Who, Session>;
  let other: Session;
  let otherJobId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildTestApp(database);
    const m = await buildMunicipality(database.db, { code: '999', name: 'Eksempel Kommune' });
    mid = m.municipality.id;
    const users: Partial<Record<Who, Session>> = { admin: await loginAs(app, database.db, m.admin) };
    for (const role of WHO.filter((w) => w !== 'admin'))
      users[role] = await loginAs(app, database.db, await buildUser(database.db, m.municipality, { roles: [role as Role], mfa: true }));
    as = users as Record<Who, Session>;
    const m2 = await buildMunicipality(database.db, { code: '998' });
    other = await loginAs(app, database.db, m2.admin, '998');
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of TABLES) out[t] = (await database.db.execute(sql.raw(`select * from ${t} order by ${t}::text`))).rows;
    return out;
  }

  const post = (who: Session, doc: unknown) => app.inject({ method: 'POST', url: '/api/v1/exchange/import', headers: who.headers, payload: doc as object });
  const get = (who: Session, url: string) => app.inject({ method: 'GET', url, headers: who.headers });

  /** Polls the job until it has finished. */
  async function finished(who: Session, jobId: string): Promise<ImportJobDto> {
    for (let i = 0; i < 600; i++) {
      const res = await get(who, `/api/v1/exchange/import/${jobId}`);
      expect(res.statusCode, res.body).toBe(200);
      const job = res.json<ImportJobDto>();
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import did not finish');
  }

  async function importAsAdmin(doc: unknown): Promise<ImportJobDto> {
    const res = await post(as.admin, doc);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/exchange/import/${res.json().jobId}`);
    return finished(as.admin, res.json().jobId);
  }

  async function lastAudit(action: string) {
    const [e] = await database.db.select().from(auditEvent).where(and(eq(auditEvent.municipalityId, mid), eq(auditEvent.action, action))).orderBy(desc(auditEvent.seq)).limit(1);
    return e;
  }

  it('refuses a file with errors: the job fails with every problem and its pointer, and nothing is written', async () => {
    const bad = clone(EXAMPLE) as unknown as { families: { members: { birthDate: string }[]; goals: { person?: string }[] }[] };
    bad.families[0]!.members[0]!.birthDate = '1992-10-18';
    bad.families[2]!.goals[0]!.person = 'nobody';
    const before = await snapshot();
    const job = await importAsAdmin(bad);
    expect(job.status).toBe('failed');
    expect(job.counts).toBeNull();
    expect(job.failure).toBeNull();
    expect(job.problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/families/0/members/0/birthDate', '/families/2/goals/0/person']));
    for (const p of job.problems) expect([p.da.length > 0, p.en.length > 0]).toEqual([true, true]);
    expect(await snapshot()).toEqual(before);
    const audited = await lastAudit('exchange.import');
    expect(audited).toMatchObject({ outcome: 'failure', targetId: job.jobId, actorRole: 'admin' });

    const schemaBad = await importAsAdmin({ format: 'helhed-exchange', version: 2, families: [{ ref: 'a', status: 'x', members: [] }], extra: 1 });
    expect(schemaBad.status).toBe('failed');
    expect(schemaBad.problems.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/version', '/extra', '/families/0/status', '/families/0/members']));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file of another municipality at once, writes nothing and audits the refusal', async () => {
    const before = await snapshot();
    const jobsBefore = await database.db.select().from(exchangeImportJob);
    const res = await post(as.admin, { ...clone(EXAMPLE), municipality: { code: '101', name: 'København' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('exchange_wrong_municipality');
    expect(res.json().error.message).toMatch(/anden kommune/);
    expect(res.json().error.problems).toEqual([{ path: '/municipality/code', message: expect.stringContaining('101') }]);
    expect(await snapshot()).toEqual(before);
    expect(await database.db.select().from(exchangeImportJob)).toHaveLength(jobsBefore.length);
    expect(await lastAudit('exchange.import')).toMatchObject({ outcome: 'denied', details: { reason: 'other_municipality', fileMunicipality: '101' } });
  });

  it('imports example.json for an administrator: 202, then the job succeeds with counts per kind', async () => {
    const job = await importAsAdmin(EXAMPLE);
    expect(job.status, JSON.stringify({ problems: job.problems, failure: job.failure })).toBe('succeeded');
    expect(job.progress).toEqual({ done: 8, total: 8 });
    expect(job.counts!.families.created).toBe(8);
    expect(job.counts!.persons.created).toBe(28);
    expect(job.counts!.coordinators.created).toBe(3);
    expect(job.problems).toEqual([]);
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();
    expect(await lastAudit('exchange.import')).toMatchObject({ outcome: 'success', actorRole: 'admin' });
    expect(await lastAudit('exchange.import_started')).toMatchObject({ targetId: job.jobId, details: { families: 8 } });
    // The same file again changes nothing.
    const before = await snapshot();
    const again = await importAsAdmin(EXAMPLE);
    expect(again.status).toBe('succeeded');
    expect(again.counts!.families).toEqual({ created: 0, updated: 0, unchanged: 8, removed: 0 });
    expect(await snapshot()).toEqual(before);
    otherJobId = job.jobId;
  });

  it('answers another municipality’s job as not found, and an unknown job too', async () => {
    expect(otherJobId).toBeDefined();
    const res = await get(other, `/api/v1/exchange/import/${otherJobId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('import_job_not_found');
    expect((await get(as.admin, `/api/v1/exchange/import/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('exports in clear for an administrator: schema-valid, equal to the service’s export, an attachment not to be cached', async () => {
    const res = await get(as.admin, '/api/v1/exchange/export');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="helhed-exchange-999-\d{4}-\d{2}-\d{2}\.json"$/);
    const doc = res.json<ExchangeDocument>();
    expect(validateExchange(doc).ok).toBe(true);
    expect(await lastAudit('exchange.export')).toMatchObject({ actorRole: 'admin', details: { pseudonymised: false, families: 8 } });
    const service = await inTenant(database.db, mid, (tx) => exportExchange({ tx, municipalityId: mid, actor: null, requestId: 't', lang: 'da', now: new Date() }));
    expect({ ...doc, exportedAt: null }).toEqual({ ...service, exportedAt: null });
    expect(doc.families).toHaveLength(8);
    expect(JSON.stringify(doc)).toContain(EXAMPLE.families[0]!.members[0]!.cpr!.replace('-', ''));
  });

  it('exports pseudonymised for an analyst, without CPR or names', async () => {
    const res = await get(as.analyst, '/api/v1/exchange/export?pseudonymise=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="helhed-exchange-999-\d{4}-\d{2}-\d{2}-pseudonymiseret\.json"$/);
    const doc = res.json<ExchangeDocument>();
    expect(doc.pseudonymised).toBe(true);
    expect(validateExchange(doc).ok).toBe(true);
    const text = JSON.stringify(doc);
    for (const f of EXAMPLE.families)
      for (const m of f.members) {
        if (m.cpr) expect(text).not.toContain(m.cpr.replace('-', ''));
        if (m.givenName) expect(text).not.toContain(`"${m.givenName}"`);
        if (m.familyName) expect(text).not.toContain(`"${m.familyName}"`);
      }
    for (const f of doc.families) for (const m of f.members) expect([m.cpr, m.givenName, m.familyName]).toEqual([undefined, undefined, undefined]);
    expect(await lastAudit('exchange.export')).toMatchObject({ actorRole: 'analyst', details: { pseudonymised: true } });
  });

  it('exports only the families asked for, and answers a family the municipality does not have as not found', async () => {
    const [f] = await asSystem(database.db, (tx) => tx.execute<{ id: string; external_ref: string }>(sql`select id, external_ref from family where municipality_id = ${mid} order by external_ref limit 1`)).then((r) => r.rows);
    const one = await get(as.admin, `/api/v1/exchange/export?familyId=${f!.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json<ExchangeDocument>().families.map((x) => x.ref)).toEqual([f!.external_ref]);
    const missing = await get(as.admin, `/api/v1/exchange/export?familyId=${f!.id}&familyId=${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('family_not_found');
  });

  it('lets each role do exactly what decision 0014 says, and audits every refusal', async () => {
    const jobId = otherJobId;
    const want: Record<Who, { import: number; status: number; clear: number; pseudonymised: number }> = {
      admin: { import: 202, status: 200, clear: 200, pseudonymised: 200 },
      analyst: { import: 403, status: 403, clear: 403, pseudonymised: 200 },
      manager: { import: 403, status: 403, clear: 403, pseudonymised: 403 },
      coordinator: { import: 403, status: 403, clear: 403, pseudonymised: 403 },
      professional: { import: 403, status: 403, clear: 403, pseudonymised: 403 },
    };
    const got: Record<string, unknown> = {};
    for (const who of WHO) {
      const denied = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(and(eq(auditEvent.municipalityId, mid), eq(auditEvent.action, 'access.denied'))))[0]!.n;
      const deniedBefore = await denied();
      const imp = await post(as[who], { format: 'helhed-exchange', version: 1, families: [] });
      if (imp.statusCode === 202) await finished(as.admin, imp.json().jobId);
      const status = await get(as[who], `/api/v1/exchange/import/${jobId}`);
      const clear = await get(as[who], '/api/v1/exchange/export');
      const pseudo = await get(as[who], '/api/v1/exchange/export?pseudonymise=true');
      got[who] = { import: imp.statusCode, status: status.statusCode, clear: clear.statusCode, pseudonymised: pseudo.statusCode };
      const refusals = [imp, status, clear, pseudo].filter((r) => r.statusCode === 403).length;
      for (const r of [imp, status, clear, pseudo]) if (r.statusCode === 403) expect(r.json().error.code).toBe('forbidden');
      expect(await denied(), `${who}: one access.denied per refusal`).toBe(deniedBefore + refusals);
    }
    expect(got).toEqual(want);
  });

  it('marks a job whose server stopped as failed, with why', async () => {
    const id = randomUUID();
    await asSystem(database.db, (tx) =>
      tx.insert(exchangeImportJob).values({ municipalityId: mid, id, status: 'running', instanceId: randomUUID(), heartbeatAt: new Date(Date.now() - 10 * 60_000), total: 5, done: 2 }),
    );
    const res = await get(as.admin, `/api/v1/exchange/import/${id}`);
    expect(res.statusCode).toBe(200);
    const job = res.json<ImportJobDto>();
    expect(job.status).toBe('failed');
    expect(job.failure).toMatchObject({ reason: 'interrupted', message: expect.stringMatching(/genstartet/) });
    const [row] = await asSystem(database.db, (tx) => tx.select().from(exchangeImportJob).where(eq(exchangeImportJob.id, id)));
    expect(row).toMatchObject({ status: 'failed', failure: 'interrupted' });
  });

  it.skipIf(dbKind !== 'postgres')('keeps the outcome a run commits while a status read is deciding whether the run was cut off', async () => {
    // A job that looks cut off to the status read (another server, old heartbeat), whose run is at that moment
    // committing "succeeded": the read's row is from before that commit, its update waits for the commit.
    const id = randomUUID();
    await asSystem(database.db, (tx) =>
      tx.insert(exchangeImportJob).values({ municipalityId: mid, id, status: 'running', instanceId: randomUUID(), heartbeatAt: new Date(Date.now() - 10 * 60_000), total: 5, done: 4 }),
    );
    let commit!: () => void;
    const gate = new Promise<void>((r) => (commit = r));
    let written!: () => void;
    const rowLocked = new Promise<void>((r) => (written = r));
    const run = asSystem(database.db, async (tx) => {
      await tx.update(exchangeImportJob).set({ status: 'succeeded', done: 5, finishedAt: new Date() }).where(eq(exchangeImportJob.id, id));
      written();
      await gate;
    });
    await rowLocked;
    const status = get(as.admin, `/api/v1/exchange/import/${id}`);
    // Commit only once the status read is waiting for the run's row lock.
    for (let i = 0; ; i++) {
      const waiting = await database.db.execute(sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%exchange_import_job%'`);
      if (waiting.rows.length > 0) break;
      if (i > 400) throw new Error('the status read never waited for the run');
      await new Promise((r) => setTimeout(r, 25));
    }
    commit();
    await run;
    const res = await status;
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportJobDto>()).toMatchObject({ status: 'succeeded', failure: null, progress: { done: 5, total: 5 } });
    const [row] = await asSystem(database.db, (tx) => tx.select().from(exchangeImportJob).where(eq(exchangeImportJob.id, id)));
    expect(row).toMatchObject({ status: 'succeeded', failure: null });
  });

  it('keeps a running job of another server with a fresh heartbeat running (PostgreSQL, several servers)', async () => {
    const id = randomUUID();
    await asSystem(database.db, (tx) => tx.insert(exchangeImportJob).values({ municipalityId: mid, id, status: 'running', instanceId: randomUUID(), total: 5, done: 2 }));
    const job = (await get(as.admin, `/api/v1/exchange/import/${id}`)).json<ImportJobDto>();
    // PGlite has one process per data directory: another instance's job can only be left over from a restart.
    expect(job.status).toBe(dbKind === 'postgres' ? 'running' : 'failed');
    if (dbKind === 'postgres') expect(job.progress).toEqual({ done: 2, total: 5 });
  });

  it('answers a file over the exchange limit with 413 and a Danish message naming the limit', async () => {
    const small = await buildTestApp(database, { exchangeBodyLimitBytes: 4096 });
    try {
      const session = await loginAs(small, database.db, await adminOf(), '999');
      const res = await small.inject({ method: 'POST', url: '/api/v1/exchange/import', headers: session.headers, payload: EXAMPLE as unknown as object });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'exchange_file_too_large', message: 'Filen er for stor til at blive importeret.', problems: [{ path: '', message: 'Filen må højst fylde 4096 bytes.' }] });
      // Other routes keep their own limit and their own answer.
      const other = await small.inject({ method: 'POST', url: '/api/v1/admin/departments', headers: session.headers, payload: { code: 'x', name: 'x'.repeat(2_000_000) } });
      expect(other.json().error.code).toBe('body_too_large');
    } finally {
      await small.close();
    }
  });

  let admin2: { id: string; email: string; password: string; totpSecret: string | null } | undefined;
  async function adminOf() {
    admin2 ??= await buildUser(database.db, { id: mid } as never, { roles: ['admin'] });
    return admin2;
  }
});

/** example.json with the first family's mother also a member of the second family, her history carried in both. */
function withSharedPerson(code: string): ExchangeDocument {
  const doc = clone(EXAMPLE);
  doc.municipality = { code, name: `Testkommune ${code}` };
  const [a, b] = doc.families as [ExchangeDocument['families'][number], ExchangeDocument['families'][number]];
  const mother = a.members[0]!;
  b.members.push({ ...clone(mother), role: 'parent' });
  for (const key of ['supportStatus', 'childWelfare', 'concernReports', 'schoolAttendance'] as const) {
    const rows = ((a[key] ?? []) as { person: string }[]).filter((r) => r.person === mother.ref);
    if (b[key]) (b[key] as { person: string }[]).push(...clone(rows));
  }
  return doc;
}

describe.skipIf(!!dbSkipReason)(`helhed-exchange: a person who is a member of two families (${dbKind})`, { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let mid: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildTestApp(database);
    const m = await buildMunicipality(database.db, { code: '997' });
    mid = m.municipality.id;
    admin = await loginAs(app, database.db, m.admin);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function importFile(doc: unknown): Promise<ImportJobDto> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/exchange/import', headers: admin.headers, payload: doc as object });
    expect(res.statusCode, res.body).toBe(202);
    for (let i = 0; i < 600; i++) {
      const job = (await app.inject({ method: 'GET', url: `/api/v1/exchange/import/${res.json().jobId}`, headers: admin.headers })).json<ImportJobDto>();
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import did not finish');
  }

  async function snapshot(db = database): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of TABLES) out[t] = (await db.db.execute(sql.raw(`select * from ${t} order by ${t}::text`))).rows;
    return out;
  }

  it('refuses a member ref reused for other person data, and a shared person whose history differs between the families', async () => {
    const before = await snapshot();
    const other = withSharedPerson('997');
    const b = other.families[1]!;
    b.members[b.members.length - 1]!.birthDate = '1992-10-18';
    const job = await importFile(other);
    expect(job.status).toBe('failed');
    expect(job.problems.map((p) => p.pointer)).toEqual(expect.arrayContaining([`/families/1/members/${b.members.length - 1}/ref`]));

    const history = withSharedPerson('997');
    history.families[1]!.supportStatus!.pop();
    const job2 = await importFile(history);
    expect(job2.status).toBe('failed');
    expect(job2.problems.map((p) => p.pointer)).toEqual(['/families/1/supportStatus']);
    expect(job2.problems[0]!.da).toMatch(/også medlem af \/families\/0/);
    expect(await snapshot()).toEqual(before);
  });

  it('imports the person once with a membership in each family, and export → import is lossless', async () => {
    const doc = withSharedPerson('997');
    const job = await importFile(doc);
    expect(job.status, JSON.stringify({ problems: job.problems, failure: job.failure })).toBe('succeeded');
    expect(job.counts!.persons.created).toBe(28);
    expect(job.counts!.memberships.created).toBe(29);
    const mother = doc.families[0]!.members[0]!;
    const rows = await asSystem(database.db, (tx) =>
      tx.execute<{ family_ref: string }>(
        sql`select f.external_ref as family_ref from family_member fm join person p on p.id = fm.person_id join family f on f.id = fm.family_id where p.municipality_id = ${mid} and p.external_ref = ${mother.ref} order by 1`,
      ),
    );
    expect(rows.rows.map((r) => r.family_ref)).toEqual([doc.families[0]!.ref, doc.families[1]!.ref].sort());
    const supportRows = await asSystem(database.db, (tx) =>
      tx.execute(sql`select s.* from support_status_period s join person p on p.id = s.person_id where p.municipality_id = ${mid} and p.external_ref = ${mother.ref}`),
    );
    expect(supportRows.rows).toHaveLength((doc.families[0]!.supportStatus ?? []).filter((s) => s.person === mother.ref).length);

    // Exported, the person is in both families with the same ref; the file imports again without a change.
    const res = await app.inject({ method: 'GET', url: '/api/v1/exchange/export', headers: admin.headers });
    const exported = res.json<ExchangeDocument>();
    expect(validateExchange(exported).ok).toBe(true);
    const holders = exported.families.filter((f) => f.members.some((m) => m.ref === mother.ref));
    expect(holders).toHaveLength(2);
    const before = await snapshot();
    const again = await importFile(exported);
    expect(again.status, JSON.stringify(again.problems)).toBe('succeeded');
    for (const c of Object.values(again.counts!)) expect([c.created, c.updated, c.removed]).toEqual([0, 0, 0]);
    expect(again.counts!.persons.unchanged).toBe(28);
    expect(await snapshot()).toEqual(before);

    // Into an empty database and out again: the same document.
    const fresh = await createTestDatabase();
    try {
      const { importExchange } = await import('../../src/server/modules/exchange/import.service.js');
      const r = await importExchange(fresh.db, exported, {});
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const second = await inTenant(fresh.db, r.municipality.id, (tx) =>
        exportExchange({ tx, municipalityId: r.municipality.id, actor: null, requestId: 't', lang: 'da', now: new Date() }),
      );
      expect({ ...second, exportedAt: null }).toEqual({ ...exported, exportedAt: null });
    } finally {
      await fresh.close();
    }
  });
});
