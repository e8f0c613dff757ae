import { boolean, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { NoteType } from '../../../shared/journal.js';
import { municipality } from '../../db/municipality.table.js';
import { family } from '../families/families.table.js';

const mid = () => uuid('municipality_id').notNull().references(() => municipality.id);

/**
 * A journalnotat under notatpligt (offentlighedsloven § 13). A draft until finalised, and finalised at the
 * latest 24 hours after creation; then it never changes — corrections are addenda.
 */
export const journalNote = pgTable(
  'journal_note',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    authorId: uuid('author_id').notNull(),
    /** The author's department when written: a restricted note is visible to it and the coordinator. */
    authorDepartmentId: uuid('author_department_id'),
    type: text('type').$type<NoteType>().notNull(),
    /** When the contact happened (may be before the note was written). */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    text: text('text').notNull(),
    personIds: uuid('person_ids').array().notNull(),
    goalIds: uuid('goal_ids').array().notNull(),
    restricted: boolean('restricted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Set by the author, or by the clock: a note older than 24 h counts as finalised whether or not this is set. */
    finalisedAt: timestamp('finalised_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    index('journal_note_family_idx').on(t.municipalityId, t.familyId, t.occurredAt),
  ],
);

/** A correction or addition to a finalised note, shown with it. */
export const journalAddendum = pgTable(
  'journal_addendum',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    noteId: uuid('note_id').notNull(),
    authorId: uuid('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.noteId], foreignColumns: [journalNote.municipalityId, journalNote.id] }),
    index('journal_addendum_note_idx').on(t.municipalityId, t.noteId),
  ],
);
