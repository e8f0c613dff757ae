import type { PGlite, Results } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import type PgBoss from 'pg-boss';
import { pgliteClientOf, type Database } from '../db/client.js';

/** pg-boss wraps its maintenance and schema work as one string `BEGIN; …; COMMIT;`. */
const WRAPPED_TRANSACTION = /^\s*BEGIN;([\s\S]*?);?\s*COMMIT;?\s*$/;

function lastResult(results: Results[]): Results | { rows: never[] } {
  return results.at(-1) ?? { rows: [] };
}

/**
 * pg-boss over the embedded PGlite, which has one connection shared with the app. PGlite runs each call to
 * completion before the next (app transactions included), so pg-boss never interleaves with a request. What
 * must not happen is a failed `BEGIN; …; COMMIT;` leaving the only connection in an aborted transaction: so
 * those run through PGlite's own transaction, which rolls back on error before anyone else gets the connection.
 */
export function pgliteBossDb(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const wrapped = WRAPPED_TRANSACTION.exec(text);
      if (wrapped) return client.transaction(async (tx) => lastResult(await tx.exec(wrapped[1]!)));
      if (values && values.length > 0) return client.query(text, values);
      return lastResult(await client.exec(text));
    },
  };
}

/**
 * pg-boss over the app's own pool (the app's connection string and limits). Outside a tenant transaction a
 * pooled connection is the owner, so pg-boss works in its `pgboss` schema without row-level security; a
 * query that fails inside its `BEGIN; …; COMMIT;` makes pg drop that connection rather than reuse it.
 */
export function poolBossDb(pool: Pool): PgBoss.Db {
  return { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) };
}

/** The adapter for the database Helhed runs on. */
export function bossDbFor(database: Database): PgBoss.Db {
  if (database.kind === 'pglite') return pgliteBossDb(pgliteClientOf(database));
  return poolBossDb((database.db as unknown as { $client: Pool }).$client);
}
