import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import * as schema from './schema.js';

/** The Drizzle handle. PGlite's has the same query API; we type both as the node-postgres one. */
export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs a statement to prove the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for an in-memory database. */
  dataDir?: string;
  /** A PGlite data-directory tarball to start from (tests copy a migrated template this way). */
  loadDataDir?: Blob;
  /** Connection pool size for PostgreSQL. */
  poolSize?: number;
}

/** How long an unused PostgreSQL connection of the pool stays open. */
export const IDLE_CONNECTION_MS = 15 * 60_000;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // Pipeline mode: a statement is sent without waiting for the answer to the one before (db/pipeline.ts). Code that
    // awaits each statement, as all of Helhed does outside inTenant, works exactly as without it.
    // Idle connections stay open for IDLE_CONNECTION_MS (node-postgres closes them after 10 s): a new connection costs
    // PostgreSQL a backend whose caches start cold, about 100 ms more on the first overview it serves (docs/benchmarks.md,
    // 2026-12-07), and a coordinator who reads a page for a minute would pay it on the next click. TCP keep-alive
    // notices a connection that a firewall dropped meanwhile.
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      pipeline: true,
      idleTimeoutMillis: IDLE_CONNECTION_MS,
      keepAlive: true,
    });
    // A broken idle connection must not crash the process; the next query gets a fresh one.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema });
    return {
      kind: 'postgres',
      db,
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => pool.end(),
    };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  let release = () => {};
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true });
    // One process at a time on the directory (data-dir-lock.ts): a second one would lose what either writes.
    release = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  } catch (e) {
    release();
    throw e;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** The PGlite client under a Database, for tests that dump a template. */
export function pgliteClientOf(database: Database): PGlite {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client;
}
