import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { startDeadlineJob } from './jobs/deadline-job.js';
import { sweepExpiredSessions } from './jobs/session-sweep.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** Drains in-flight requests, stops the jobs and closes the database. */
  stop(): Promise<void>;
}

/** Opens the database (PGlite under dataDir, or PostgreSQL at databaseUrl), migrates it and serves Helhed. */
export async function startServer(config: Config, opts: { database?: Database } = {}): Promise<RunningServer> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize }));
  await migrateDatabase(database);
  const app = await buildApp({ config, database });
  // Daily tasks for what falls due (pg-boss, also on PGlite); started before listening, so a failure fails the start.
  const deadlines = config.deadlineJob ? await startDeadlineJob(database, { cron: config.deadlineCron, log: app.log }) : null;
  const address = await app.listen({ port: config.port, host: config.host });
  const sweep = setInterval(() => {
    sweepExpiredSessions(database.db, config).catch((err: Error) => app.log.error({ name: err.name }, 'session sweep failed'));
  }, 60_000);
  sweep.unref();
  let stopped: Promise<void> | undefined;
  return {
    app,
    database,
    url: address,
    stop: () => {
      stopped ??= (async () => {
        clearInterval(sweep);
        app.deps.draining.value = true;
        await app.close();
        await deadlines?.stop();
        await database.close();
      })();
      return stopped;
    },
  };
}
