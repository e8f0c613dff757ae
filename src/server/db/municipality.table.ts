import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MunicipalitySettings } from '../../shared/municipality.js';

/** A kommune. The tenant: every other table carries its id. */
export const municipality = pgTable('municipality', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Three-digit municipality code, e.g. "159" for Gladsaxe. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<MunicipalitySettings>().notNull(),
  /**
   * Secret for keyed hashes (HMAC) of identifiers: CPR look-ups in the audit trail and pseudonymised
   * exports. Random per municipality (gen_random_uuid draws from a strong random source); never shown.
   */
  pseudonymKey: text('pseudonym_key')
    .notNull()
    .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
