import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.js';

/**
 * Runs fn in a transaction as the row-level-security role `helhed_app`, scoped to one municipality.
 * Every request's work goes through here: PostgreSQL then refuses rows of any other municipality.
 */
export async function inTenant<T>(db: Db, municipalityId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'helhed_app', true), set_config('helhed.municipality_id', ${municipalityId}, true)`,
    );
    return fn(tx);
  });
}

/**
 * Runs fn in a transaction as the owner, outside row-level security. Only for the few things that come
 * before a municipality is known: first-run setup, the list of municipalities on the login page, and CLI
 * maintenance. Never for case data.
 */
export async function asSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
