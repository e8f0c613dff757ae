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

interface PreparedInternals<R> {
  execute(): Promise<R>;
  /** node-postgres's query configs (PGlite's have no name: it ignores names). */
  queryString?: string;
  queryConfig?: { name?: string };
  rawQueryConfig?: { name?: string };
}

/**
 * A query builder's `.prepare()` named by its text, then executed: Drizzle maps the rows as usual. The builder is
 * built once; the name is set on node-postgres's query configs from the text Drizzle built.
 */
export async function executePrepared<R>(builder: { prepare(name: string): { execute(): Promise<R> } }): Promise<R> {
  const prepared = builder.prepare('') as unknown as PreparedInternals<R>;
  if (prepared.queryString !== undefined && prepared.queryConfig && 'name' in prepared.queryConfig && prepared.rawQueryConfig) {
    const name = statementName(prepared.queryString);
    prepared.queryConfig.name = name;
    prepared.rawQueryConfig.name = name;
  }
  return prepared.execute();
}

/**
 * A statement whose SQL text is built once per process: write it with `sql.placeholder('x')` for every value, and
 * call the returned function with the values. Drizzle's building of a large `sql` template (hundreds of chunks, each
 * type-checked) cost more of the server's CPU per family overview than running it (docs/benchmarks.md,
 * 2026-12-03); built once, each call only fills the placeholders. Named by its text, like the others.
 */
export function cachedStatement<V extends Record<string, unknown>, T extends Record<string, unknown>>(build: () => SQL) {
  let built: { sql: string; params: unknown[]; name: string } | undefined;
  return async (tx: Tx, values: V): Promise<{ rows: T[] }> => {
    const { session, dialect } = tx as unknown as DrizzleInternals;
    if (!built) {
      const q = dialect.sqlToQuery(build());
      built = { sql: q.sql, params: q.params, name: statementName(q.sql) };
    }
    const prepared = session.prepareQuery({ sql: built.sql, params: built.params }, undefined, built.name, false);
    return (await prepared.execute(values)) as { rows: T[] };
  };
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

interface BuiltQuery {
  queryString: string;
  params: unknown[];
  fields?: unknown;
  joinsNotNullableMap?: unknown;
  _isResponseInArrayMode: boolean;
}

interface Executable {
  execute(values?: Record<string, unknown>): Promise<unknown>;
}

/**
 * A query builder built once per process, like `cachedStatement`: write it with `sql.placeholder('x')` for every
 * value; each call prepares Drizzle's query from the cached text, parameters and field list on the caller's
 * transaction (so the rows are mapped exactly as the builder's own `.execute()` maps them) and fills the values.
 */
export function cachedQuery<V extends Record<string, unknown>, B extends { prepare(name: string): Executable }>(build: (tx: Tx) => B) {
  let built: (BuiltQuery & { name: string }) | undefined;
  return async (tx: Tx, values: V): Promise<Awaited<ReturnType<ReturnType<B['prepare']>['execute']>>> => {
    const { session } = tx as unknown as DrizzleInternals;
    if (!built) {
      const first = build(tx).prepare('') as unknown as BuiltQuery;
      built = { ...first, name: statementName(first.queryString) };
    }
    const q = session.prepareQuery(
      { sql: built.queryString, params: built.params },
      built.fields as never,
      built.name,
      built._isResponseInArrayMode,
    ) as unknown as Executable & { joinsNotNullableMap?: unknown };
    q.joinsNotNullableMap = built.joinsNotNullableMap;
    return (await q.execute(values)) as Awaited<ReturnType<ReturnType<B['prepare']>['execute']>>;
  };
}
