import type pg from 'pg';
import type { Tx } from './client.js';

/**
 * A pooled PostgreSQL connection as `inTenant` uses it for a request's transaction, in node-postgres's pipeline mode
 * (the pool is opened with `pipeline: true`): a statement is written to the socket at once, without waiting for the
 * previous one's answer, and PostgreSQL answers them in order. Two things use that (decision 0021):
 *
 * - `inTenant` writes BEGIN and the tenant settings and the work's first statement (for a logged-in request, the
 *   session look-up) in one write;
 * - a write that nothing in the transaction waits for, the audit insert, is deferred (`deferWrite`) and goes out in
 *   the same write as the next statement, in the end with the COMMIT.
 *
 * Order and atomicity stay as they were: a deferred write is sent before any later statement of the transaction, so
 * every later statement sees it, and it commits or rolls back with the transaction. When a statement fails,
 * PostgreSQL refuses the rest of the transaction ("current transaction is aborted") and turns the COMMIT into a
 * ROLLBACK, so nothing after a failure is kept; `firstError` keeps the failure that caused it.
 */
export class PipelinedClient {
  private deferred: (() => Promise<unknown>)[] = [];
  private readonly sent: Promise<unknown>[] = [];
  private failure: { error: unknown } | undefined;
  private submitting = false;
  private submitted = 0;

  constructor(readonly client: pg.PoolClient) {}

  /** What Drizzle's session calls for every statement: the deferred writes go first, in the same write. */
  query(...args: unknown[]): unknown {
    if (this.submitting) this.submitted += 1;
    if (this.deferred.length === 0) return (this.client.query as (...a: unknown[]) => unknown)(...args);
    return this.corked(() => {
      this.flush();
      return (this.client.query as (...a: unknown[]) => unknown)(...args);
    });
  }

  /** Runs fn with the socket corked: whatever statements fn sends at once leave in one write. */
  corked<T>(fn: () => T): T {
    const stream = (this.client as unknown as { connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } } }).connection.stream;
    stream.cork();
    try {
      return fn();
    } finally {
      stream.uncork();
    }
  }

  /** Queues a write to be sent with the transaction's next statement. */
  defer(write: () => Promise<unknown>): void {
    this.deferred.push(write);
  }

  /** Sends the deferred writes. Each must hand its statement to `query` before it returns, or the order would break. */
  private flush(): void {
    const writes = this.deferred;
    this.deferred = [];
    for (const write of writes) {
      this.submitting = true;
      this.submitted = 0;
      let sent: Promise<unknown>;
      try {
        sent = write();
      } finally {
        this.submitting = false;
      }
      this.track(sent);
      if (this.submitted !== 1) throw new Error('PipelinedClient: a deferred write must send exactly one statement at once');
    }
  }

  /** Keeps a statement's outcome for commit() and firstError(); its rejection is handled here. */
  track(sent: Promise<unknown>): void {
    this.sent.push(
      sent.then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      ),
    );
  }

  /** The first failure of a deferred or tracked statement, once all of them have been answered. */
  async firstError(): Promise<{ error: unknown } | undefined> {
    await Promise.all(this.sent);
    return this.failure;
  }

  /**
   * Sends the deferred writes and COMMIT in one write. Throws the first failure if a tracked statement failed (before:
   * without sending COMMIT, for the caller to roll back; with it: PostgreSQL has rolled back), or if PostgreSQL answered
   * COMMIT with ROLLBACK for another reason.
   */
  async commit(): Promise<void> {
    // Every statement sent so far has been answered (the work awaited its last one). A failure among them may have been
    // rolled back to a savepoint since, so PostgreSQL would commit: the caller rolls back instead.
    const earlier = await this.firstError();
    if (earlier) throw earlier.error;
    const commit = this.corked(() => {
      this.flush();
      return this.client.query('commit');
    });
    const [result, failure] = await Promise.all([commit, this.firstError()]);
    if (failure) throw failure.error;
    if (result.command !== 'COMMIT') throw new Error(`the transaction was rolled back by PostgreSQL (${result.command})`);
  }

  /** Drops the deferred writes; they were part of work that is rolled back. */
  discard(): void {
    this.deferred = [];
  }
}

/** The pipelined connection under a transaction handle, or null (PGlite, or a transaction not begun by inTenant). */
export function pipelineOf(tx: Tx): PipelinedClient | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof PipelinedClient ? client : null;
}

/**
 * Sends a write that nothing in the transaction waits for with the transaction's next statement (on a pipelined
 * connection), else now. Either way it commits or rolls back with the transaction, and its failure fails it: on
 * PostgreSQL it is reported by a later statement or by COMMIT, so it cannot be caught and passed over, not even by
 * rolling back to a savepoint; on PGlite it is thrown here.
 */
export async function deferWrite(tx: Tx, write: () => Promise<unknown>): Promise<void> {
  const pipeline = pipelineOf(tx);
  if (pipeline) pipeline.defer(write);
  else await write();
}
