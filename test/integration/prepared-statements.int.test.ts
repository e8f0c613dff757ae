import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffUser } from '../../src/server/modules/admin/users.table.js';
import { inTenant } from '../../src/server/db/tenant.js';
import { cachedStatement, executePrepared, literalLimit, statementName } from '../../src/server/db/prepared.js';
import { createTestDatabase, dbKind, dbSkipReason, type TestDatabase } from '../support/db.js';
import { buildMunicipality } from '../support/factories.js';

describe.skipIf(!!dbSkipReason)(`named statements for the hot reads (${dbKind})`, () => {
  let database: TestDatabase;
  let m: Awaited<ReturnType<typeof buildMunicipality>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    m = await buildMunicipality(database.db, { code: '611' });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('names a statement by its text: the same text the same name, another text another name', () => {
    expect(statementName('select 1')).toBe(statementName('select 1'));
    expect(statementName('select 1')).not.toBe(statementName('select 2'));
    expect(statementName('select 1')).toMatch(/^helhed_[0-9a-f]{24}$/);
  });

  it('answers as tx.execute does, under row-level security, again and again on the same connections', async () => {
    const q = (id: string) => sql`select id, name from staff_user where municipality_id = ${id} order by id`;
    const named = cachedStatement<{ id: string }, { id: string; name: string }>(() => sql`select id, name from staff_user where municipality_id = ${sql.placeholder('id')} order by id`);
    for (let i = 0; i < 8; i++) {
      const [plain, prepared] = await inTenant(database.db, m.municipality.id, async (tx) => [
        (await tx.execute<{ id: string; name: string }>(q(m.municipality.id))).rows,
        (await named(tx, { id: m.municipality.id })).rows,
      ]);
      expect(prepared).toEqual(plain);
      expect(prepared.map((r) => r.id)).toContain(m.admin.id);
    }
    // Row-level security still applies to the prepared plan: another municipality's id finds nothing.
    const other = await inTenant(database.db, m.municipality.id, (tx) => named(tx, { id: '00000000-0000-4000-8000-000000000000' }));
    expect(other.rows).toEqual([]);
  });

  it('maps a query builder’s rows as Drizzle does, and a second text of the same query is its own statement', async () => {
    const [plain, named, narrowed] = await inTenant(database.db, m.municipality.id, async (tx) => {
      const base = () => tx.select({ id: staffUser.id, createdAt: staffUser.createdAt }).from(staffUser);
      return [await base(), await executePrepared(base()), await executePrepared(base().where(sql`${staffUser.id} = ${m.admin.id}`))];
    });
    expect(named).toEqual(plain);
    expect(named[0]!.createdAt).toBeInstanceOf(Date);
    expect(narrowed.map((r) => r.id)).toEqual([m.admin.id]);
  });

  it('writes a fixed limit into the text, and refuses anything but a row count', async () => {
    const rows = await inTenant(database.db, m.municipality.id, (tx) => executePrepared(tx.select({ id: staffUser.id }).from(staffUser).limit(literalLimit(1))));
    expect(rows).toHaveLength(1);
    expect(() => literalLimit(-1)).toThrow();
    expect(() => literalLimit(1.5)).toThrow();
    expect(() => literalLimit(Number.NaN)).toThrow();
  });

  it.skipIf(dbKind !== 'postgres')('prepares the statement on the server once per connection (PostgreSQL)', async () => {
    const count = cachedStatement<{ m: string }, { n: number }>(() => sql`select count(*)::int as n from staff_user where municipality_id = ${sql.placeholder('m')}`);
    const name = await inTenant(database.db, m.municipality.id, async (tx) => {
      await count(tx, { m: m.municipality.id });
      await count(tx, { m: m.municipality.id });
      const built = (await tx.execute<{ name: string }>(sql`select name from pg_prepared_statements where name like 'helhed\_%'`)).rows;
      return built.map((r) => r.name);
    });
    expect(name.length).toBeGreaterThan(0);
  });
});
