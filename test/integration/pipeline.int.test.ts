import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/server/audit/audit.js';
import { IDLE_CONNECTION_MS, openDatabase } from '../../src/server/db/client.js';
import { deferWrite } from '../../src/server/db/pipeline.js';
import { inTenant } from '../../src/server/db/tenant.js';
import { department } from '../../src/server/modules/admin/departments.table.js';
import type { Ctx } from '../../src/server/context.js';
import type { Tx } from '../../src/server/db/client.js';
import { createTestDatabase, dbErrorOf, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality } from '../support/factories.js';

/**
 * A request's transaction on a pipelined connection (db/pipeline.ts, decision 0021): the deferred audit insert and
 * the statements sent before their predecessors' answers keep the order and the all-or-nothing of a transaction.
 * On PGlite the same calls run one by one; the suite holds there too.
 */
describe.skipIf(!!dbSkipReason)(`a request's transaction with deferred writes (${dbKind})`, () => {
  let database: TestDatabase;
  let a: Awaited<ReturnType<typeof buildMunicipality>>;
  let b: Awaited<ReturnType<typeof buildMunicipality>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await buildMunicipality(database.db, { code: '101' });
    b = await buildMunicipality(database.db, { code: '202' });
  });
  afterAll(() => database?.close());

  const ctxOf = (tx: Tx, requestId: string): Ctx =>
    ({ tx, municipalityId: a.municipality.id, actor: null, requestId, lang: 'da', now: new Date() }) as Ctx;
  const auditRows = (requestId: string) =>
    inTenant(database.db, a.municipality.id, async (tx) =>
      (await tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_event where request_id = ${requestId}`)).rows[0]!.n,
    );
  const departments = (prefix: string) =>
    inTenant(database.db, a.municipality.id, async (tx) =>
      (await tx.execute<{ code: string }>(sql`select code from department where code like ${`${prefix}%`} order by code`)).rows.map((r) => r.code),
    );
  /** An insert row-level security refuses: a department in the other municipality. */
  const refusedInsert = (tx: Tx) => tx.insert(department).values({ municipalityId: b.municipality.id, code: 'fremmed', name: 'Fremmed' });

  it('lets every later statement of the transaction see a deferred audit row, and commits it', async () => {
    const requestId = `seen-${randomBytes(4).toString('hex')}`;
    const seen = await inTenant(database.db, a.municipality.id, async (tx) => {
      await audit(ctxOf(tx, requestId), { action: 'test.pipeline' });
      await audit(ctxOf(tx, requestId), { action: 'test.pipeline' });
      return (await tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_event where request_id = ${requestId}`)).rows[0]!.n;
    });
    expect(seen).toBe(2);
    expect(await auditRows(requestId)).toBe(2);
  });

  it('commits a deferred audit row that is the last thing the work does', async () => {
    const requestId = `last-${randomBytes(4).toString('hex')}`;
    await inTenant(database.db, a.municipality.id, (tx) => audit(ctxOf(tx, requestId), { action: 'test.pipeline' }));
    expect(await auditRows(requestId)).toBe(1);
  });

  it('rolls back the work with a deferred audit row when the work fails after it', async () => {
    const requestId = `undone-${randomBytes(4).toString('hex')}`;
    const prefix = `undone-${randomBytes(4).toString('hex')}`;
    await expect(
      inTenant(database.db, a.municipality.id, async (tx) => {
        await tx.insert(department).values({ municipalityId: a.municipality.id, code: `${prefix}-1`, name: 'Rulles tilbage' });
        await audit(ctxOf(tx, requestId), { action: 'test.pipeline' });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await auditRows(requestId)).toBe(0);
    expect(await departments(prefix)).toEqual([]);
  });

  it("fails the transaction on a failing deferred write, with that write's own error, and keeps nothing", async () => {
    const prefix = `failed-${randomBytes(4).toString('hex')}`;
    // The write fails where the next statement is sent: that statement is refused ("current transaction is
    // aborted"), but what the caller sees is the cause.
    const followed = await dbErrorOf(
      inTenant(database.db, a.municipality.id, async (tx) => {
        await tx.insert(department).values({ municipalityId: a.municipality.id, code: `${prefix}-1`, name: 'Rulles tilbage' });
        await deferWrite(tx, () => refusedInsert(tx));
        await tx.execute(sql`select 1`);
      }),
    );
    expect(followed).toMatch(/row-level security/);
    expect(followed).not.toMatch(/current transaction is aborted/);
    // The write goes out with COMMIT: PostgreSQL rolls back, and the caller still gets the write's error.
    const last = await dbErrorOf(
      inTenant(database.db, a.municipality.id, async (tx) => {
        await tx.insert(department).values({ municipalityId: a.municipality.id, code: `${prefix}-2`, name: 'Rulles tilbage' });
        await deferWrite(tx, () => refusedInsert(tx));
      }),
    );
    expect(last).toMatch(/row-level security/);
    expect(await departments(prefix)).toEqual([]);
  });

  // On PGlite a deferred write runs at once and its error is thrown where it is called, for that caller to handle.
  it.skipIf(dbKind !== 'postgres')('does not commit a transaction whose deferred write failed inside a savepoint that was rolled back', async () => {
    const prefix = `savepoint-${randomBytes(4).toString('hex')}`;
    const error = await dbErrorOf(
      inTenant(database.db, a.municipality.id, async (tx) => {
        await tx.insert(department).values({ municipalityId: a.municipality.id, code: `${prefix}-outer`, name: 'Ydre' });
        await tx
          .transaction(async (inner) => {
            await deferWrite(inner, () => refusedInsert(inner));
            await inner.execute(sql`select 1`);
          })
          .catch(() => undefined);
        // The savepoint was rolled back, so PostgreSQL would go on and commit; the failed write must stop it.
        await tx.insert(department).values({ municipalityId: a.municipality.id, code: `${prefix}-after`, name: 'Efter' });
      }),
    );
    expect(error).toMatch(/row-level security/);
    expect(await departments(prefix)).toEqual([]);
  });

  it('keeps a deferred audit row of a savepoint that commits', async () => {
    const requestId = `inner-${randomBytes(4).toString('hex')}`;
    await inTenant(database.db, a.municipality.id, (tx) => tx.transaction((inner) => audit(ctxOf(inner, requestId), { action: 'test.pipeline' })));
    expect(await auditRows(requestId)).toBe(1);
  });

  it('serves concurrent transactions on a small pool, each with its own deferred rows', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `many-${i}-${randomBytes(3).toString('hex')}`);
    await Promise.all(
      ids.map((requestId, i) =>
        inTenant(database.db, a.municipality.id, async (tx) => {
          await audit(ctxOf(tx, requestId), { action: 'test.pipeline' });
          if (i % 2 === 0) await tx.execute(sql`select 1`);
        }),
      ),
    );
    for (const requestId of ids) expect(await auditRows(requestId), requestId).toBe(1);
  });
});

/**
 * BEGIN and the tenant settings leave in one write with the work's first statement. When a setting fails, PostgreSQL
 * must refuse that statement: no work runs outside the tenant. A login role that may not become helhed_app makes
 * set_config('role', …) fail.
 */
describe.skipIf(!!dbSkipReason || dbKind !== 'postgres')('a request whose tenant settings fail (postgres)', () => {
  let database: TestDatabase;
  let municipalityId: string;
  const role = `helhed_t_outsider_${randomBytes(4).toString('hex')}`;
  let outsiderUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    municipalityId = (await buildMunicipality(database.db, { code: '101' })).municipality.id;
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`create role ${role} login`);
    await owner.query('create table pipeline_probe (n int)');
    await owner.query(`grant insert, select on pipeline_probe to ${role}`);
    await owner.end();
    const url = new URL(database.url!);
    url.username = role;
    url.password = '';
    outsiderUrl = url.toString();
  });
  afterAll(async () => {
    await database?.close();
    const admin = new pg.Client({ connectionString: database.url!.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    await admin.query(`drop role if exists ${role}`);
    await admin.end();
  });

  it("refuses the work's first statement, runs nothing, and closes the connection", async () => {
    const outsider = await openDatabase({ databaseUrl: outsiderUrl, poolSize: 2 });
    const pool = (outsider.db as unknown as { $client: pg.Pool }).$client;
    try {
      const error = await dbErrorOf(inTenant(outsider.db, municipalityId, (tx) => tx.execute(sql`insert into pipeline_probe values (1)`)));
      expect(error).toMatch(/permission denied to set role/);
      // The connection whose BEGIN failed is not given back to the pool.
      expect(pool.totalCount).toBe(0);
      // Outside inTenant the role may insert: the probe would have shown the insert if it had run.
      await outsider.db.execute(sql`insert into pipeline_probe values (2)`);
      const rows = await outsider.db.execute<{ n: number }>(sql`select n from pipeline_probe`);
      expect(rows.rows).toEqual([{ n: 2 }]);
    } finally {
      await outsider.close();
    }
  });
});

/**
 * The pool keeps an idle connection open (node-postgres would close it after 10 s): a new connection starts a backend
 * whose caches are cold, and the first overview it serves takes about 100 ms more (docs/benchmarks.md, 2026-12-07).
 */
describe.skipIf(!!dbSkipReason || dbKind !== 'postgres')('the PostgreSQL pool (postgres)', () => {
  it('keeps idle connections for IDLE_CONNECTION_MS, with TCP keep-alive, and serves the next statement on the same backend', async () => {
    const database = await createTestDatabase();
    try {
      const pool = (database.db as unknown as { $client: pg.Pool }).$client;
      const options = pool.options as pg.PoolConfig;
      expect(IDLE_CONNECTION_MS).toBeGreaterThanOrEqual(10 * 60_000);
      expect(options.idleTimeoutMillis).toBe(IDLE_CONNECTION_MS);
      expect(options.keepAlive).toBe(true);
      const backend = async () => (await database.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)).rows[0]!.pid;
      const first = await backend();
      expect(pool.idleCount).toBe(1);
      expect(await backend()).toBe(first);
    } finally {
      await database.close();
    }
  });
});
