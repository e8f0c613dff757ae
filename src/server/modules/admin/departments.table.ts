import { boolean, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { municipality } from '../../db/municipality.table.js';

/** A forvaltning or afdeling: Jobcenter, Børne- og Familieafdelingen, … */
export const department = pgTable(
  'department',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    id: uuid('id').notNull().defaultRandom(),
    /** Stable code used by imports and the intervention catalogue, e.g. "jobcenter". */
    code: text('code').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.id] }), unique('department_code_uq').on(t.municipalityId, t.code)],
);
