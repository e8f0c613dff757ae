import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client.js';

/** Which database the running project tests: 'pglite' or 'postgres'. */
export const dbKind = (process.env.HELHED_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** Non-empty when this project's database is missing outside CI; suites skip on it. */
export const dbSkipReason: string = inject('dbSkipReason') ?? '';

export interface TestDatabase extends Database {
  /** Where a second connection can reach the same database (PostgreSQL only). */
  url?: string;
}

/** A fresh, migrated database for one test file: a PGlite copy of the template, or a PostgreSQL clone. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (dbKind === 'pglite') {
    const file = inject('pgliteTemplate');
    const blob = new Blob([fs.readFileSync(file)]);
    return openDatabase({ dataDir: 'memory://', loadDataDir: blob });
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `helhed_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template helhed_template`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The database's own message for a failed promise (Drizzle wraps it as the error's cause). */
export async function dbErrorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.cause?.message ?? ''} ${err.message}`;
  }
  throw new Error('expected the database to refuse, but it did not');
}
