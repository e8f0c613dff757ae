import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, Tx } from './client.js';

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
 * inTenant on PostgreSQL: BEGIN and the two settings in one round trip (a simple-protocol message with two statements;
 * the municipality id is a UUID, checked above, so it can stand in the text), then the work as a Drizzle transaction on
 * that connection, COMMIT or ROLLBACK as Drizzle's own transaction does. Every request starts here, and on this machine
 * a round trip costs more than most of the statements (docs/benchmarks.md, 2026-12-03).
 */
async function inTenantOnPool<T>(db: Db, pool: pg.Pool, municipalityId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const base = (db as unknown as { session: PoolSession }).session;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const session = new NodePgSession(client, base.dialect, base.schema, base.options);
    const tx = new NodePgTransaction(base.dialect, session, base.schema) as unknown as Tx;
    try {
      await client.query(
        `begin; select set_config('role', 'helhed_app', true), set_config('helhed.municipality_id', '${municipalityId}', true)`,
      );
    } catch (error) {
      broken = error as Error;
      throw error;
    }
    try {
      const result = await fn(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    }
  } finally {
    // A connection whose BEGIN or ROLLBACK failed is in an unknown state: the pool closes it instead of handing it out again.
    client.release(broken);
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
