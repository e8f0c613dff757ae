import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, Tx } from './client.js';
import { PipelinedClient } from './pipeline.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs fn in a transaction as the row-level-security role `helhed_app`, scoped to one municipality.
 * Every request's work goes through here: PostgreSQL then refuses rows of any other municipality.
 */
export async function inTenant<T>(db: Db, municipalityId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (pool && UUID.test(municipalityId)) return inTenantOnPool(db, pool, municipalityId, fn);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'helhed_app', true), set_config('helhed.municipality_id', ${municipalityId}, true)`,
    );
    return fn(tx);
  });
}

/** Drizzle's session over the node-postgres pool (its fields are not in its types). */
interface PoolSession {
  client: unknown;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

function poolOf(db: Db): pg.Pool | null {
  const session = (db as unknown as { session?: unknown }).session;
  const client = session instanceof NodePgSession ? (session as unknown as PoolSession).client : null;
  return client instanceof pg.Pool ? client : null;
}

/**
 * inTenant on PostgreSQL, on a pipelined connection (db/pipeline.ts, decision 0021): BEGIN and the two settings (a
 * simple-protocol message with two statements; the municipality id is a UUID, checked above, so it can stand in the
 * text) leave in one write with the work's first statement, without waiting for the BEGIN's answer: PostgreSQL runs
 * them in order, and if BEGIN or a setting fails, it refuses every statement after it, so no work ever runs outside the
 * tenant. The deferred writes (the audit insert) leave with COMMIT. ROLLBACK as Drizzle's own transaction does. Every
 * request starts here, and on this machine a round trip costs more than most of the statements (docs/benchmarks.md).
 */
async function inTenantOnPool<T>(db: Db, pool: pg.Pool, municipalityId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const base = (db as unknown as { session: PoolSession }).session;
  const client = await pool.connect();
  const pipeline = new PipelinedClient(client);
  let broken: Error | undefined;
  try {
    const session = new NodePgSession(pipeline as unknown as pg.PoolClient, base.dialect, base.schema, base.options);
    const tx = new NodePgTransaction(base.dialect, session, base.schema) as unknown as Tx;
    const { begun, work } = pipeline.corked(() => {
      const begun = client.query(
        `begin; select set_config('role', 'helhed_app', true), set_config('helhed.municipality_id', '${municipalityId}', true)`,
      );
      return { begun, work: startWork(fn, tx) };
    });
    pipeline.track(begun);
    try {
      const result = await work;
      await begun;
      await pipeline.commit();
      return result;
    } catch (error) {
      pipeline.discard();
      // The first statement that failed (BEGIN, or a deferred write) is the cause of what failed after it.
      const failure = await pipeline.firstError();
      if (await begun.then(() => false, () => true)) broken = failure?.error as Error;
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw failure ? failure.error : error;
    }
  } finally {
    // A connection whose BEGIN or ROLLBACK failed is in an unknown state: the pool closes it instead of handing it out again.
    client.release(broken);
  }
}

/** fn's promise; a synchronous throw becomes its rejection, so the transaction is still rolled back. */
function startWork<T>(fn: (tx: Tx) => Promise<T>, tx: Tx): Promise<T> {
  try {
    return fn(tx);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Runs fn in a transaction as the owner, outside row-level security. Only for the few things that come
 * before a municipality is known: first-run setup, the list of municipalities on the login page, and CLI
 * maintenance. Never for case data.
 */
export async function asSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
