import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality } from '../db/municipality.table.js';

/**
 * The audit trail: append-only (the app role may only INSERT and SELECT) and hash-chained per
 * municipality in seq order. Since migration 0014 the database chains each row at COMMIT (trigger
 * `audit_event_chain`, decision 0019): seq, prev_hash and hash come from the row's digest (hash.ts); until its
 * commit a row is pending (hash ''). Rows before the migration have no digest (hash version 1).
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    personIds: uuid('person_ids').array().notNull(),
    purpose: text('purpose'),
    outcome: text('outcome').$type<'success' | 'denied' | 'failure'>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** SHA-256 of the row's content (auditDigest); null on rows written before migration 0014. */
    digest: text('digest'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.seq] }),
    index('audit_event_actor_idx').on(t.municipalityId, t.actorUserId, t.occurredAt),
    index('audit_event_action_idx').on(t.municipalityId, t.action, t.occurredAt),
    index('audit_event_time_idx').on(t.municipalityId, t.occurredAt),
    index('audit_event_persons_idx').using('gin', t.personIds),
    index('audit_event_target_idx').on(t.municipalityId, t.targetType, t.targetId, t.seq),
    // The family overview's "recent activity" (overview.service.ts): only the events it shows, so its look-up does not
    // walk past every read of the family, which grows with every overview opened.
    index('audit_event_activity_idx')
      .on(t.municipalityId, t.targetType, t.targetId, t.seq)
      .where(sql`outcome = 'success' and action not like '%.read' and action not like '%search%'`),
  ],
);
