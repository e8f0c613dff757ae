import { randomUUID } from 'node:crypto';
import type { Lang } from '../../../shared/i18n.js';
import type { ImportJobDto } from '../../../shared/exchange/import-jobs.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Actor, Ctx } from '../../context.js';
import type { Database } from '../../db/client.js';
import { inTenant } from '../../db/tenant.js';
import { AppError } from '../../errors.js';
import { findMunicipalityById } from '../setup/municipalities.repository.js';
import { IMPORT_ROLES } from './exchange.policy.js';
import { importExchange } from './import.service.js';
import { findImportJob, insertImportJob, markImportJobInterrupted, updateImportJob, type ImportJobRow } from './import-jobs.repository.js';

/** A running job writes its heartbeat this often (PostgreSQL; several app servers may share the database). */
const HEARTBEAT_MS = 20_000;
/** Another server's job whose heartbeat is older than this was cut off (the server stopped or crashed). */
export const STALE_AFTER_MS = 2 * 60_000;
/** Progress is written to the job row at most this often while the import runs (PostgreSQL). */
const PROGRESS_WRITE_MS = 1_000;

export interface RunnerLog {
  error(obj: object, msg: string): void;
}

/** What the background run needs to know about an accepted file. */
export interface AcceptedImport {
  jobId: string;
  municipalityId: string;
  municipalityCode: string;
  actor: Actor;
  lang: Lang;
  requestId: string;
  doc: unknown;
}

/**
 * The imports this app process runs in the background, one per accepted file. Each runs importExchange (one
 * transaction; on PGlite it holds the only connection, so other requests wait for it) and records the outcome
 * on its job row. Live progress is kept in memory and, on PostgreSQL, written to the row about once a second,
 * with a heartbeat, so any app server can answer the job's status.
 */
export class ImportRunner {
  /** This process; a queued or running job of another instance that no longer beats was interrupted. */
  readonly instanceId = randomUUID();
  private readonly live = new Map<string, { done: number; total: number }>();
  private readonly running = new Set<Promise<void>>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly log: RunnerLog,
  ) {}

  /** Marks a job as this process's before its row is committed, so a status read never finds it orphaned. */
  reserve(jobId: string, total: number): void {
    this.live.set(jobId, { done: 0, total });
  }

  release(jobId: string): void {
    this.live.delete(jobId);
  }

  progressOf(jobId: string): { done: number; total: number } | undefined {
    return this.live.get(jobId);
  }

  isLive(jobId: string): boolean {
    return this.live.has(jobId);
  }

  get databaseKind(): Database['kind'] {
    return this.database.kind;
  }

  /** Starts the import of a committed job; returns at once. */
  launch(job: AcceptedImport): void {
    const p = this.run(job).finally(() => {
      this.running.delete(p);
      this.live.delete(job.jobId);
      if (this.live.size === 0 && this.heartbeat) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
      }
    });
    this.running.add(p);
    if (this.database.kind === 'postgres' && !this.heartbeat) {
      this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  /** Waits for every import in progress (the app closes only after they have written their outcome). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async beat(): Promise<void> {
    for (const [jobId, p] of this.live) {
      const job = this.jobs.get(jobId);
      if (!job) continue;
      await this.write(job, { done: p.done, total: p.total, heartbeatAt: new Date() }).catch(() => undefined);
    }
  }

  private readonly jobs = new Map<string, AcceptedImport>();

  private write(job: AcceptedImport, change: Parameters<typeof updateImportJob>[3]) {
    return inTenant(this.database.db, job.municipalityId, (tx) => updateImportJob(tx, job.municipalityId, job.jobId, change));
  }

  private async run(job: AcceptedImport): Promise<void> {
    this.jobs.set(job.jobId, job);
    const progress = this.live.get(job.jobId) ?? { done: 0, total: 0 };
    this.live.set(job.jobId, progress);
    // PostgreSQL: progress goes to the row from a second connection, one write at a time and at most once a second.
    let writes: Promise<unknown> = Promise.resolve();
    let lastWrite = 0;
    try {
      await this.write(job, { status: 'running', startedAt: new Date(), heartbeatAt: new Date() });
      const result = await importExchange(this.database.db, job.doc, {
        municipalityCode: job.municipalityCode,
        actor: job.actor,
        requestId: job.requestId,
        lang: job.lang,
        onProgress: (done, total) => {
          progress.done = done;
          progress.total = total;
          if (this.database.kind !== 'postgres' || Date.now() - lastWrite < PROGRESS_WRITE_MS) return;
          lastWrite = Date.now();
          writes = writes.then(() => this.write(job, { done, total, heartbeatAt: new Date() })).catch(() => undefined);
        },
      });
      await writes;
      if (result.ok) {
        await this.write(job, { status: 'succeeded', done: progress.total, total: progress.total, counts: result.counts, finishedAt: new Date() });
        return;
      }
      // Nothing was written; the refusal is recorded on the job and in the audit trail (without the file's content).
      await inTenant(this.database.db, job.municipalityId, async (tx) => {
        await updateImportJob(tx, job.municipalityId, job.jobId, { status: 'failed', problems: result.problems, done: 0, finishedAt: new Date() });
        const ctx: Ctx = { tx, municipalityId: job.municipalityId, actor: job.actor, requestId: job.requestId, lang: job.lang, now: new Date() };
        await audit(ctx, {
          action: 'exchange.import',
          outcome: 'failure',
          targetType: 'exchange_import_job',
          targetId: job.jobId,
          details: { problems: result.problems.length, firstPointer: result.problems[0]?.pointer ?? null },
        });
      });
    } catch (err) {
      await writes;
      const errorId = randomUUID();
      const e = err as Error & { code?: string };
      // Like the error handler: the kind and where, never the message (it may quote the file).
      this.log.error({ errorId, jobId: job.jobId, name: e.name, code: e.code, where: e.stack?.split('\n').slice(1, 6).join(' | ') }, 'exchange import failed');
      await this.write(job, { status: 'failed', failure: 'internal_error', errorId, finishedAt: new Date() }).catch(() => undefined);
    } finally {
      this.jobs.delete(job.jobId);
    }
  }
}

/** The file's own municipality code, when it names one as the format says (a malformed one is the schema's problem). */
function fileMunicipalityCode(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const m = (doc as { municipality?: unknown }).municipality;
  if (typeof m !== 'object' || m === null) return undefined;
  const code = (m as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function familyCount(doc: unknown): number {
  const f = typeof doc === 'object' && doc !== null ? (doc as { families?: unknown }).families : undefined;
  return Array.isArray(f) ? f.length : 0;
}

/**
 * requestImport(ctx, jobId, doc): an administrator hands in a helhed-exchange file. Refuses other roles
 * (audited) and a file that names another municipality (audited, nothing written); otherwise records the job
 * as queued, audits `exchange.import_started` and answers what the background run needs. Schema, domain rules
 * and the database are checked by the run; its job status lists every problem with its JSON pointer.
 */
export async function requestImport(ctx: Ctx, jobId: string, doc: unknown, meta: { fileBytes: number | null; instanceId: string }): Promise<AcceptedImport> {
  await requireRole(ctx, IMPORT_ROLES, 'exchange.import');
  const actor = actorOf(ctx);
  const m = await findMunicipalityById(ctx.tx, ctx.municipalityId);
  if (!m) throw new AppError('not_found');
  const fileCode = fileMunicipalityCode(doc);
  if (fileCode !== undefined && fileCode !== m.code) {
    await audit(ctx, {
      action: 'exchange.import',
      outcome: 'denied',
      targetType: 'municipality',
      targetId: m.id,
      details: { reason: 'other_municipality', fileMunicipality: fileCode },
    });
    const lang = ctx.lang;
    throw new AppError('exchange_wrong_municipality', [
      {
        path: '/municipality/code',
        message:
          lang === 'da'
            ? `Filen er fra kommune ${fileCode}, men du er administrator i ${m.name} (${m.code}).`
            : `The file is from municipality ${fileCode}, but you administer ${m.name} (${m.code}).`,
      },
    ]).keepingWrites();
  }
  const total = familyCount(doc);
  await insertImportJob(ctx.tx, {
    municipalityId: ctx.municipalityId,
    id: jobId,
    status: 'queued',
    requestedBy: actor.userId,
    instanceId: meta.instanceId,
    fileBytes: meta.fileBytes,
    total,
  });
  await audit(ctx, {
    action: 'exchange.import_started',
    targetType: 'exchange_import_job',
    targetId: jobId,
    details: { families: total, bytes: meta.fileBytes },
  });
  return { jobId, municipalityId: ctx.municipalityId, municipalityCode: m.code, actor, lang: ctx.lang, requestId: ctx.requestId, doc };
}

const FAILURE_MESSAGES = {
  interrupted: {
    da: 'Importen blev afbrudt, fordi serveren blev genstartet. Intet fra filen er gemt — send filen igen.',
    en: 'The import was interrupted because the server restarted. Nothing from the file was saved — send the file again.',
  },
  internal_error: {
    da: 'Der skete en fejl hos os under importen. Intet fra filen er gemt. Oplys fejl-id til support.',
    en: 'Something went wrong on our side during the import. Nothing from the file was saved. Give the error id to support.',
  },
} as const;

/** Whether a queued or running job can no longer finish: its process is gone. */
function interrupted(job: ImportJobRow, runner: ImportRunner, now: Date): boolean {
  if (job.status !== 'queued' && job.status !== 'running') return false;
  if (runner.isLive(job.id)) return false;
  // Ours but not live: the run ended without writing its outcome. PGlite: one process per data directory.
  if (job.instanceId === runner.instanceId || runner.databaseKind === 'pglite') return true;
  return now.getTime() - job.heartbeatAt.getTime() > STALE_AFTER_MS;
}

function present(job: ImportJobRow, runner: ImportRunner, lang: Lang): ImportJobDto {
  const live = runner.progressOf(job.id);
  const running = job.status === 'queued' || job.status === 'running';
  return {
    jobId: job.id,
    status: job.status,
    progress: running && live ? { done: live.done, total: live.total } : { done: job.done, total: job.total },
    counts: job.counts ?? null,
    problems: job.problems,
    failure: job.failure ? { reason: job.failure, message: FAILURE_MESSAGES[job.failure][lang], errorId: job.errorId } : null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/**
 * getImportJob(runner, ctx, jobId): the status of one of the municipality's imports (administrators). Another
 * municipality's job is not found. A job whose process is gone (a restart) is marked failed here, with why.
 */
export async function getImportJob(runner: ImportRunner, ctx: Ctx, jobId: string): Promise<ImportJobDto> {
  await requireRole(ctx, IMPORT_ROLES, 'exchange.import_status');
  let job = await findImportJob(ctx.tx, ctx.municipalityId, jobId);
  if (!job) throw new AppError('import_job_not_found');
  if (interrupted(job, runner, ctx.now)) {
    // The row was read before the run's last write may have committed (the run then left memory): mark it only if
    // it is still unfinished, and otherwise answer the outcome the run wrote.
    job = (await markImportJobInterrupted(ctx.tx, ctx.municipalityId, jobId, ctx.now)) ?? (await findImportJob(ctx.tx, ctx.municipalityId, jobId)) ?? job;
  }
  return present(job, runner, ctx.lang);
}
