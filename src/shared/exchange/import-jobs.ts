import { z } from 'zod';
import { EXCHANGE_KINDS } from './exchange.js';

/** The API of helhed-exchange (decision 0014): an import job's status, the export's query. */

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];


export const ImportJobParams = z.strictObject({ jobId: z.uuid() });

export const ImportJobAcceptedDto = z.object({ jobId: z.string(), status: z.enum(IMPORT_JOB_STATUSES) });
export type ImportJobAcceptedDto = z.infer<typeof ImportJobAcceptedDto>;

const KindCountDto = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), removed: z.number().int() });

export const ExchangeProblemDto = z.object({
  /** JSON pointer into the file (RFC 6901). */
  pointer: z.string(),
  da: z.string(),
  en: z.string(),
});

export const ImportJobDto = z.object({
  jobId: z.string(),
  status: z.enum(IMPORT_JOB_STATUSES),
  /** Families written so far of the file's families. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** What the import did per kind, once it has succeeded. */
  counts: z.object(Object.fromEntries(EXCHANGE_KINDS.map((k) => [k, KindCountDto])) as Record<(typeof EXCHANGE_KINDS)[number], typeof KindCountDto>).nullable(),
  /** Every problem of a refused file, each with its JSON pointer; nothing was written. */
  problems: z.array(ExchangeProblemDto),
  /** Why a job failed when the file itself had no problem (server restart, an error on our side), in the request's language. */
  failure: z.object({ reason: z.enum(['interrupted', 'internal_error']), message: z.string(), errorId: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportJobDto = z.infer<typeof ImportJobDto>;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ExportQuery = z.strictObject({
  /** true: no CPR or names, refs replaced by keyed hashes (administrators and analysts); false: in clear (administrators). */
  pseudonymise: bool.default(false),
  /** Only these families (repeat the parameter for several); default every family of the municipality. */
  familyId: z
    .union([z.uuid(), z.array(z.uuid()).max(10_000)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
});
export type ExportQuery = z.infer<typeof ExportQuery>;
