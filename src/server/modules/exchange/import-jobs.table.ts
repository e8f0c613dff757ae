import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ExchangeCounts, ExchangeProblem } from '../../../shared/exchange/exchange.js';
import type { ImportJobStatus } from '../../../shared/exchange/import-jobs.js';
import { municipality } from '../../db/municipality.table.js';

/**
 * One helhed-exchange import sent through the API: queued when the file arrives, running while it is written,
 * then succeeded (counts) or failed (problems with JSON pointers, or why it stopped). Never the file itself.
 */
export const exchangeImportJob = pgTable(
  'exchange_import_job',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    id: uuid('id').notNull().defaultRandom(),
    status: text('status').$type<ImportJobStatus>().notNull().default('queued'),
    requestedBy: uuid('requested_by'),
    /** The app process that runs the job; another process's job with a stale heartbeat was cut off by a restart. */
    instanceId: uuid('instance_id').notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    fileBytes: integer('file_bytes'),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    counts: jsonb('counts').$type<ExchangeCounts>(),
    problems: jsonb('problems').$type<ExchangeProblem[]>().notNull().default([]),
    /** Why a job failed without problems in the file: 'interrupted' (server restart) or 'internal_error'. */
    failure: text('failure').$type<'interrupted' | 'internal_error'>(),
    errorId: uuid('error_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.id] }), index('exchange_import_job_status_idx').on(t.municipalityId, t.status)],
);
