import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { Tx } from './client.js';

/**
 * Named (server-side prepared) statements for the few statements every request of a hot page runs — the
 * session look-up, the family access check, the family overview's reads and the audit insert.
 *
 * Why: PostgreSQL plans an unnamed statement at every execution. The overview's statements are many joins and
 * JSON subqueries under row-level security, and measured with pg_stat_statements (docs/benchmarks.md, 2026-12-03)
 * planning took about 5 ms of PostgreSQL's CPU per overview against 2 ms of execution. A named statement is parsed
 * once per connection, and after five executions PostgreSQL keeps a generic plan when it is no dearer than the
 * custom ones (`plan_cache_mode = auto`), so the planning goes away.
 *
 * The name is a hash of the statement's text, so two texts can never share a name (node-postgres refuses that) and
 * a statement whose text depends on its input (a filter present or not) simply becomes two prepared statements.
 * Only use it for statements whose text takes a handful of shapes: every shape stays prepared on every pooled
 * connection for the connection's life. PostgreSQL replans by itself when the schema, the role or row-level
 * security changes. On PGlite (one process, no pool) the name is ignored and the statement runs as before.
 */
export function statementName(text: string): string {
  return `helhed_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

interface DrizzleInternals {
  session: PgSession;
  dialect: PgDialect;
}

/** `tx.execute(query)` as a named statement: the same result ({ rows }), planned once per connection. */
export async function executeNamed<T extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<{ rows: T[] }> {
  // Drizzle's own path for tx.execute, with a name (session and dialect are Drizzle internals, typed here).
  const { session, dialect } = tx as unknown as DrizzleInternals;
  const built = dialect.sqlToQuery(query);
  const prepared = session.prepareQuery(built, undefined, statementName(built.sql), false);
  return (await prepared.execute()) as { rows: T[] };
}

/** A query builder's `.prepare(name)` with the name from its text, then executed: Drizzle maps the rows as usual. */
export async function executePrepared<R>(builder: { toSQL(): { sql: string }; prepare(name: string): { execute(): Promise<R> } }): Promise<R> {
  return builder.prepare(statementName(builder.toSQL().sql)).execute();
}

/**
 * A LIMIT written into a prepared statement's text instead of as a parameter. With `limit $n` PostgreSQL's generic
 * plan assumes a tenth of the rows and costs it above the custom plans, so it keeps replanning at every execution
 * (measured for the overview's latest notes: 0.4–0.7 ms of planning each time). Each distinct limit is its own
 * statement, so use it for the few fixed page sizes only. Drizzle writes an SQL object given to `.limit()` as it is.
 */
export function literalLimit(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`literalLimit: not a row count: ${n}`);
  return sql.raw(String(n)) as unknown as number;
}
