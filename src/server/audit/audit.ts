import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import type { Tx } from '../db/client.js';
import { deferWrite } from '../db/pipeline.js';
import { cachedQuery } from '../db/prepared.js';
import { auditEvent } from './audit.table.js';
import { auditDigest } from './hash.js';

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
 * One statement, sent with the transaction's next one (db/pipeline.ts, decision 0021): Node computes the digest of the content; the database chains the row at COMMIT (migration 0016,
 * decision 0020) as the next link of one of the municipality's eight lanes: its place there, the previous link's hash
 * and its hash, so concurrent writers wait for each other only inside PostgreSQL's commit, and rarely.
 */
export async function audit(ctx: Ctx, input: AuditInput): Promise<void> {
  const { tx, municipalityId } = ctx;
  const row = {
    municipalityId,
    // Millisecond precision, so the stored timestamp reads back exactly and the digest verifies.
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
  };
  const values = { ...row, digest: auditDigest(row) };
  // Nothing in the transaction waits for the insert: on PostgreSQL it leaves with the next statement or the COMMIT
  // (db/pipeline.ts); every later statement still sees it, and its failure still fails the transaction.
  await deferWrite(tx, () => insertEvent(tx, values));
}

const COLUMNS = ['municipalityId', 'occurredAt', 'actorUserId', 'actorRole', 'action', 'targetType', 'targetId', 'personIds', 'purpose', 'outcome', 'details', 'requestId', 'digest'] as const;
type EventValues = { [K in (typeof COLUMNS)[number]]: unknown };

// Every audited request runs this insert: built once, a named statement (db/prepared.ts). seq, chain_lane, chain_pos,
// prev_hash and hash are the database's (migration 0016): seq at the insert, the rest pending ('') until COMMIT.
const insertEvent = cachedQuery<EventValues, ReturnType<typeof insertBuilder>>(insertBuilder);
function insertBuilder(tx: Tx) {
  const values = Object.fromEntries(COLUMNS.map((c) => [c, sql.placeholder(c)])) as { [K in (typeof COLUMNS)[number]]: ReturnType<typeof sql.placeholder> };
  return tx.insert(auditEvent).values({ ...values, prevHash: '', hash: '' });
}
