import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { testConfig, type Config } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/server/db/client.js';
import { migrateDatabase } from '../../src/server/db/migrate.js';
import { startServer } from '../../src/server/main.js';

/** The app over a given database, for `app.inject` route tests. */
export async function buildTestApp(database: Database, overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config: testConfig({ secureCookies: 'never', loginRatePerMinute: 10_000, ...overrides }), database });
  await app.ready();
  return app;
}

/**
 * The real server on a random loopback port over a fresh in-memory database, serving the built web app
 * (dist/web). For browser tests.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<{ url: string; database: Database; close(): Promise<void> }> {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const server = await startServer(testConfig({ port: 0, host: '127.0.0.1', secureCookies: 'never', loginRatePerMinute: 1000, ...overrides }), {
    database,
  });
  return { url: server.url, database, close: () => server.stop() };
}
