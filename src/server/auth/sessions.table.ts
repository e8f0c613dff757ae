import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality } from '../db/municipality.table.js';
import { staffUser } from '../modules/admin/users.table.js';

/** A login session. The cookie holds the token; only its SHA-256 is stored. */
export const session = pgTable(
  'session',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    /** mfa = password accepted, second factor outstanding; active = fully logged in. */
    stage: text('stage').$type<'mfa' | 'active'>().notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason').$type<'logout' | 'idle_timeout' | 'absolute_timeout' | 'user_deactivated'>(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.tokenHash] }),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [staffUser.municipalityId, staffUser.id] }),
    index('session_open_idx').on(t.municipalityId, t.lastSeenAt),
  ],
);
