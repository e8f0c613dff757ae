import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality } from '../db/municipality.table.js';

/**
 * The audit trail: append-only (the app role may only INSERT and SELECT) and hash-chained per municipality. Since
 * migration 0016 (hash version 3, decision 0020) a row gets its final seq when inserted, and the database chains it at
 * COMMIT (trigger `audit_event_chain`) in one of the municipality's eight lanes, in the lane's commit order:
 * chain_lane, chain_pos, prev_hash and hash from the row's digest (hash.ts); until its commit a row is pending (hash
 * ''). Rows of versions 1 (no digest, before migration 0014) and 2 (0014–0015) form one chain in seq order, which the
 * lanes continue.
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
    /** Version 3: the lane (0–7) the row was chained in and its place there (1, 2, …); null on older rows. Not indexed, so chaining is a HOT update. */
    chainLane: smallint('chain_lane'),
    chainPos: bigint('chain_pos', { mode: 'number' }),
    /**
     * What the family overview shows as recent activity: a successful event that is not a read, a search, an export of
     * a meeting's invitation or a reveal of a CPR number or protected address. A stored column, so the overview's
     * condition is a plain column: under row-level security PostgreSQL may not use a condition with LIKE (not leakproof)
     * to choose a partial index, and walked past every read of the family instead (migrations 0019, 0020).
     */
    activity: boolean('activity')
      .generatedAlwaysAs(
        sql`outcome = 'success' and action not like '%read' and action not like '%search%' and action not like 'person.reveal%' and action <> 'meeting.ics'`,
      )
      .notNull(),
    /**
     * The family an event concerns, for the overview's recent activity: the target when it is a family, otherwise the
     * `familyId` the service wrote in its details (a consent, a note, a meeting, a task, a person). Derived from the
     * hashed content, so it adds nothing the chain does not cover (migration 0020).
     */
    familyRef: text('family_ref').generatedAlwaysAs(sql`case when target_type = 'family' then target_id else details ->> 'familyId' end`),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.seq] }),
    index('audit_event_actor_idx').on(t.municipalityId, t.actorUserId, t.occurredAt),
    index('audit_event_action_idx').on(t.municipalityId, t.action, t.occurredAt),
    index('audit_event_time_idx').on(t.municipalityId, t.occurredAt),
    index('audit_event_persons_idx').using('gin', t.personIds),
    // The family overview's "recent activity" (overview.service.ts): only the events it shows, so its look-up does not
    // walk past every read of the family, which grows with every overview opened. On the column `activity`, which the
    // planner may use under row-level security (migrations 0019, 0020).
    index('audit_event_activity_idx').on(t.municipalityId, t.familyRef, t.seq).where(sql`activity`),
  ],
);

/**
 * The last link of each lane of a municipality's audit chain (hash version 3): written only by the chaining trigger
 * (SECURITY DEFINER) at COMMIT, under the row lock of the lane's head; the app role has no rights on it.
 */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    lane: smallint('lane').notNull(),
    pos: bigint('pos', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    /** The hash before the last link: what the trigger gives the row it chains as prev_hash. */
    prevHash: text('prev_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.lane] })],
);
