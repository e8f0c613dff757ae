import PgBoss from 'pg-boss';
import type { Database } from '../db/client.js';
import { raiseDeadlines, type MunicipalityRun } from '../modules/tasks/deadlines.service.js';
import { bossDbFor } from './pgboss-db.js';

/** The queue of the daily deadline run. */
export const DEADLINE_QUEUE = 'helhed-deadlines';
/** pg-boss's singleton key of the run sent at start-up (one per ten minutes across app servers). */
export const STARTUP_RUN_KEY = 'startup';
/** Deadlines are reckoned in Danish calendar days, so the schedule is in Danish time. */
export const DEADLINE_TIME_ZONE = 'Europe/Copenhagen';

export interface DeadlineJobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DeadlineJob {
  readonly boss: PgBoss;
  /** Stops taking jobs, lets a run in progress finish (up to a limit) and leaves the database open. */
  stop(): Promise<void>;
}

export interface DeadlineJobOptions {
  /** Cron expression in Danish time; the default is 06:15 every day. */
  cron: string;
  log: DeadlineJobLog;
  /** How often the worker looks for a job (seconds). */
  pollingIntervalSeconds?: number;
  /** Called after each run (tests wait on it). */
  onRun?: (runs: MunicipalityRun[]) => void;
}

/**
 * Starts the daily deadline job on pg-boss, over the database Helhed runs on (its `pgboss` schema, created on
 * first start): scheduled by cron in Danish time and sent once at start-up. The queue's singleton policy lets
 * one run be active at a time across every app server, and a start-up job sent by several servers at once is
 * one job (singleton key per ten minutes); raiseDeadlines itself also takes a per-municipality lock.
 */
export async function startDeadlineJob(database: Database, opts: DeadlineJobOptions): Promise<DeadlineJob> {
  const boss = new PgBoss({
    db: bossDbFor(database),
    schema: 'pgboss',
    // Look for scheduled work twice a minute; the daily run does not need more, and PGlite has one connection.
    cronWorkerIntervalSeconds: 30,
    maintenanceIntervalSeconds: 300,
  });
  boss.on('error', (err: Error) => opts.log.error({ name: err.name, code: (err as { code?: string }).code }, 'deadline job: pg-boss error'));
  await boss.start();
  await boss.createQueue(DEADLINE_QUEUE, { name: DEADLINE_QUEUE, policy: 'singleton', retryLimit: 2, retryDelay: 300, expireInSeconds: 30 * 60 });
  await boss.schedule(DEADLINE_QUEUE, opts.cron, {}, { tz: DEADLINE_TIME_ZONE });
  await boss.work(DEADLINE_QUEUE, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30 }, async () => {
    const started = Date.now();
    const runs = await raiseDeadlines(database.db, new Date()).catch((err: Error) => {
      // pg-boss records the failure and retries; the log says that it failed, never what the database quoted.
      // The SQLSTATE sits on the driver's error, which the query builder wraps as its cause.
      const cause = (err as { cause?: { name?: string; code?: string } }).cause;
      opts.log.error({ name: err.name, code: (err as { code?: string }).code ?? cause?.code, cause: cause?.name }, 'deadline job: run failed');
      throw err;
    });
    const raised = runs.reduce((n, r) => n + r.planReview + r.goalRating + r.consentExpiry + r.meetingFollowUp, 0);
    opts.log.info({ municipalities: runs.length, raised, ms: Date.now() - started }, 'deadline job: run finished');
    opts.onRun?.(runs);
  });
  await boss.send(DEADLINE_QUEUE, { reason: 'startup' }, { singletonKey: STARTUP_RUN_KEY, singletonSeconds: 600 });
  return {
    boss,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false }),
  };
}
