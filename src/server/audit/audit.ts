import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import { auditEvent } from './audit.table.js';
import { GENESIS_HASH, auditHash } from './hash.js';

export type AuditOutcome = 'success' | 'denied' | 'failure';

/** One thing that happened, as a service describes it. */
export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  /** The persons whose data was read, searched, written, exported or printed. */
  personIds?: string[];
  purpose?: string;
  outcome?: AuditOutcome;
  /** Never CPR, passwords or tokens. */
  details?: Record<string, unknown>;
}

/**
 * Records an audit event in the caller's transaction: it commits or rolls back with the work it records.
 * Rows of one municipality form a hash chain; an advisory lock orders concurrent writers.
 */
export async function audit(ctx: Ctx, input: AuditInput): Promise<void> {
  const { tx, municipalityId } = ctx;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${municipalityId}::text, 7001))`);
  // One round trip under the lock: the chain's last hash and the next sequence number.
  const head = await tx.execute<{ hash: string | null; seq: string }>(sql`
    select (select hash from audit_event where municipality_id = ${municipalityId} order by seq desc limit 1) as hash,
           nextval('audit_event_seq_seq')::text as seq`);
  const last = head.rows[0]!;
  const row = {
    municipalityId,
    seq: Number(last.seq),
    // Millisecond precision, so the stored timestamp reads back exactly and the hash verifies.
    occurredAt: new Date(Date.now()),
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor ? ctx.actor.roles.join(',') : null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    personIds: input.personIds ?? [],
    purpose: input.purpose ?? null,
    outcome: input.outcome ?? 'success',
    details: input.details ?? {},
    requestId: ctx.requestId,
    prevHash: last.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditEvent).values({ ...row, hash: auditHash(row) });
}
