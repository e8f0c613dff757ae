import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MunicipalitySettings } from '../../shared/municipality.js';

/** A kommune. The tenant: every other table carries its id. */
export const municipality = pgTable('municipality', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Three-digit municipality code, e.g. "159" for Gladsaxe. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<MunicipalitySettings>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
