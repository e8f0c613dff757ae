import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/server/audit/audit.js';
import { auditEvent } from '../../src/server/audit/audit.table.js';
import { asSystem, inTenant } from '../../src/server/db/tenant.js';
import { department } from '../../src/server/modules/admin/departments.table.js';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { createTestDatabase, dbErrorOf, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality } from '../support/factories.js';

describe.skipIf(!!dbSkipReason)(`tenancy enforced by row-level security (${dbKind})`, () => {
  let database: TestDatabase;
  let a: Awaited<ReturnType<typeof buildMunicipality>>;
  let b: Awaited<ReturnType<typeof buildMunicipality>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await buildMunicipality(database.db, { code: '101' });
    b = await buildMunicipality(database.db, { code: '202' });
  });
  afterAll(() => database?.close());

  /** A transaction as the app role with no municipality set at all. */
  const asAppWithoutTenant = <T>(fn: Parameters<typeof asSystem<T>>[1]) =>
    asSystem(database.db, async (tx) => {
      await tx.execute(sql`set local role helhed_app`);
      return fn(tx);
    });

  it('runs request work as a role that row-level security applies to', async () => {
    const row = await inTenant(database.db, a.municipality.id, async (tx) =>
      (await tx.execute<{ u: string; bypass: boolean }>(sql`select current_user as u, (select rolbypassrls from pg_roles where rolname = current_user) as bypass`)).rows[0],
    );
    expect(row).toEqual({ u: 'helhed_app', bypass: false });
  });

  it('sets the role and the municipality for the transaction only', async () => {
    const inside = await inTenant(database.db, a.municipality.id, async (tx) =>
      (await tx.execute<{ u: string; m: string; users: number }>(
        sql`select current_user as u, current_setting('helhed.municipality_id') as m, (select count(*)::int from staff_user) as users`,
      )).rows[0],
    );
    expect(inside).toEqual({ u: 'helhed_app', m: a.municipality.id, users: expect.any(Number) });
    expect(inside!.users).toBeGreaterThan(0);
    // The next transaction on the pool is the owner's again, with no municipality: the settings were local.
    const after = await asSystem(database.db, async (tx) =>
      (await tx.execute<{ u: string; m: string | null }>(sql`select current_user as u, nullif(current_setting('helhed.municipality_id', true), '') as m`)).rows[0],
    );
    expect(after!.u).not.toBe('helhed_app');
    expect(after!.m).toBeNull();
  });

  it('rolls back all the work when fn throws, and the connection serves the next transaction', async () => {
    const code = `rollback-${Date.now()}`;
    // More failures than the pool has connections: each one must be given back to the pool.
    for (let i = 0; i < 12; i++) {
      await expect(
        inTenant(database.db, a.municipality.id, async (tx) => {
          await tx.insert(department).values({ municipalityId: a.municipality.id, code: `${code}-${i}`, name: 'Rulles tilbage' });
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
    }
    // A statement error aborts the transaction; it is rolled back too.
    expect(await dbErrorOf(inTenant(database.db, a.municipality.id, (tx) => tx.execute(sql`select 1/0`)))).toMatch(/division by zero/);
    const left = await inTenant(database.db, a.municipality.id, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from department where code like ${`${code}%`}`),
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('keeps nested transactions as savepoints', async () => {
    const code = `savepoint-${Date.now()}`;
    await inTenant(database.db, a.municipality.id, async (tx) => {
      await tx.insert(department).values({ municipalityId: a.municipality.id, code: `${code}-kept`, name: 'Beholdes' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(department).values({ municipalityId: a.municipality.id, code: `${code}-undone`, name: 'Fortrydes' });
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    const codes = await inTenant(database.db, a.municipality.id, (tx) =>
      tx.execute<{ code: string }>(sql`select code from department where code like ${`${code}%`} order by code`),
    );
    expect(codes.rows.map((r) => r.code)).toEqual([`${code}-kept`]);
  });

  it('fails on a municipality id that is not a UUID, and the text is never run as SQL', async () => {
    const error = await dbErrorOf(inTenant(database.db, "x', true); drop table department; --", (tx) => tx.select().from(staffUser)));
    expect(error).toMatch(/uuid/i);
    const departments = await inTenant(database.db, a.municipality.id, (tx) => tx.select().from(department));
    expect(departments.length).toBeGreaterThan(0);
  });

  it('shows nothing without the tenant setting', async () => {
    const counts = await asAppWithoutTenant(async (tx) => ({
      users: (await tx.select().from(staffUser)).length,
      departments: (await tx.select().from(department)).length,
      audit: (await tx.select().from(auditEvent)).length,
      municipalities: (await tx.execute(sql`select * from municipality`)).rows.length,
    }));
    expect(counts).toEqual({ users: 0, departments: 0, audit: 0, municipalities: 0 });
  });

  it("shows a municipality only its own rows", async () => {
    const seen = await inTenant(database.db, a.municipality.id, async (tx) => ({
      users: await tx.select({ m: staffUser.municipalityId }).from(staffUser),
      municipalities: (await tx.execute<{ code: string }>(sql`select code from municipality`)).rows.map((r) => r.code),
    }));
    expect(seen.users.length).toBeGreaterThan(0);
    expect(new Set(seen.users.map((u) => u.m))).toEqual(new Set([a.municipality.id]));
    expect(seen.municipalities).toEqual(['101']);
  });

  it("cannot read another municipality's user even by its id", async () => {
    const rows = await inTenant(database.db, a.municipality.id, (tx) =>
      tx.execute(sql`select * from staff_user where id = ${b.admin.id}`),
    );
    expect(rows.rows).toHaveLength(0);
  });

  it("refuses to insert a row into another municipality", async () => {
    expect(await dbErrorOf(
      inTenant(database.db, a.municipality.id, (tx) =>
        tx.insert(department).values({ municipalityId: b.municipality.id, code: 'sneaky', name: 'Sneaky' }),
      ),
    )).toMatch(/row-level security/);
  });

  it("cannot update or delete another municipality's rows", async () => {
    const result = await inTenant(database.db, a.municipality.id, async (tx) => ({
      updated: (await tx.execute(sql`update staff_user set name = 'hacked' where municipality_id = ${b.municipality.id}`)).rowCount ?? 0,
      deleted: (await tx.execute(sql`delete from department where municipality_id = ${b.municipality.id}`)).rowCount ?? 0,
    }));
    expect(result).toEqual({ updated: 0, deleted: 0 });
    const names = await inTenant(database.db, b.municipality.id, (tx) => tx.select({ name: staffUser.name }).from(staffUser));
    expect(names.map((n) => n.name)).not.toContain('hacked');
  });

  it('refuses to move a row to another municipality', async () => {
    expect(await dbErrorOf(
      inTenant(database.db, a.municipality.id, (tx) =>
        tx.execute(sql`update department set municipality_id = ${b.municipality.id} where code = 'jobcenter'`),
      ),
    )).toMatch(/row-level security/);
  });

  it('lets the app role neither update nor delete audit rows', async () => {
    await inTenant(database.db, a.municipality.id, (tx) =>
      audit({ tx, municipalityId: a.municipality.id, actor: null, requestId: 't', lang: 'da', now: new Date() }, { action: 'test.event' }),
    );
    expect(await dbErrorOf(
      inTenant(database.db, a.municipality.id, (tx) => tx.execute(sql`update audit_event set action = 'changed'`)),
    )).toMatch(/permission denied/);
    expect(await dbErrorOf(
      inTenant(database.db, a.municipality.id, (tx) => tx.execute(sql`delete from audit_event`)),
    )).toMatch(/permission denied/);
  });

  it('keeps municipality_id in every tenant table\'s primary key', async () => {
    const rows = await asSystem(database.db, (tx) =>
      tx.execute<{ table_name: string; has_mid: boolean }>(sql`
        select c.relname as table_name,
               exists (select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                       where i.indrelid = c.oid and i.indisprimary and a.attname = 'municipality_id') as has_mid
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'municipality'`),
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows.rows) expect(r, r.table_name).toMatchObject({ has_mid: true });
  });

  it('has row-level security enabled on every table', async () => {
    const rows = await asSystem(database.db, (tx) =>
      tx.execute<{ relname: string; relrowsecurity: boolean }>(sql`
        select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`),
    );
    for (const r of rows.rows) expect(r, r.relname).toMatchObject({ relrowsecurity: true });
  });
});
