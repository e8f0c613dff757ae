import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteBossDb } from './pgboss-db.js';

describe('pg-boss over PGlite', () => {
  let client: PGlite;
  beforeAll(async () => {
    client = await PGlite.create('memory://');
    await client.exec('create table t (n int primary key)');
  });
  afterAll(async () => {
    await client.close();
  });

  it('runs a parameterised statement', async () => {
    const db = pgliteBossDb(client);
    expect((await db.executeSql('select $1::int + 1 as n', [41])).rows).toEqual([{ n: 42 }]);
  });

  it('runs several statements and answers with the last result', async () => {
    const db = pgliteBossDb(client);
    expect((await db.executeSql('insert into t values (1); select count(*)::int as n from t', [])).rows).toEqual([{ n: 1 }]);
  });

  it('commits a wrapped BEGIN; …; COMMIT; as one transaction', async () => {
    const db = pgliteBossDb(client);
    await db.executeSql("BEGIN;\n SET LOCAL lock_timeout = '30s';\n insert into t values (2);\n COMMIT;\n", []);
    expect((await client.query<{ n: number }>('select count(*)::int as n from t')).rows[0]!.n).toBe(2);
  });

  it('rolls back a failed BEGIN; …; COMMIT; so the one connection is not left in an aborted transaction', async () => {
    const db = pgliteBossDb(client);
    await expect(db.executeSql('BEGIN; insert into t values (3); select 1/0; COMMIT;', [])).rejects.toThrow(/division by zero/);
    expect((await client.query<{ n: number }>('select count(*)::int as n from t')).rows[0]!.n).toBe(2);
    expect(await client.query('select 1 as ok')).toMatchObject({ rows: [{ ok: 1 }] });
  });
});
