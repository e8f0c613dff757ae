import { date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ChildWelfareKind, Instrument, Respondent, SupportStatus } from '../../../shared/measurements.js';
import { municipality } from '../../db/municipality.table.js';
import { family, person } from '../families/families.table.js';

const mid = () => uuid('municipality_id').notNull().references(() => municipality.id);
const stamp = (name: string) => timestamp(name, { withTimezone: true }).notNull().defaultNow();

/** Forsørgelse: an adult's support status over a period; periods of one person never overlap. `to` null = ongoing. */
export const supportStatusPeriod = pgTable(
  'support_status_period',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    status: text('status').$type<SupportStatus>().notNull(),
    from: date('from').notNull(),
    to: date('to'),
    recordedBy: uuid('recorded_by'),
    createdAt: stamp('created_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    index('support_status_person_idx').on(t.municipalityId, t.personId, t.from),
  ],
);

/** A child-welfare period: investigation, measure or placement, with its legal basis. */
export const childWelfarePeriod = pgTable(
  'child_welfare_period',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    kind: text('kind').$type<ChildWelfareKind>().notNull(),
    from: date('from').notNull(),
    to: date('to'),
    legalBasis: text('legal_basis'),
    recordedBy: uuid('recorded_by'),
    createdAt: stamp('created_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    index('child_welfare_person_idx').on(t.municipalityId, t.personId, t.from),
  ],
);

/** Underretning: a notification of concern about a child. */
export const concernReport = pgTable(
  'concern_report',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    date: date('date').notNull(),
    source: text('source'),
    recordedBy: uuid('recorded_by'),
    createdAt: stamp('created_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    index('concern_report_person_idx').on(t.municipalityId, t.personId, t.date),
  ],
);

/** A child's school absence over a period, in percent. */
export const schoolAttendance = pgTable(
  'school_attendance',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    from: date('from').notNull(),
    to: date('to').notNull(),
    absencePercent: numeric('absence_percent', { mode: 'number' }).notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: stamp('created_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    index('school_attendance_person_idx').on(t.municipalityId, t.personId, t.to),
  ],
);

/** Måling: an answered instrument (life domains, the experience questionnaire, WHO-5) for a family or one of its members. */
export const assessment = pgTable(
  'assessment',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    /** Null = about the family as a whole. */
    personId: uuid('person_id'),
    instrument: text('instrument').$type<Instrument>().notNull(),
    instrumentVersion: integer('instrument_version').notNull().default(1),
    date: date('date').notNull(),
    respondent: text('respondent').$type<Respondent>().notNull(),
    /** Item code → answer, as the instrument's version defines them. */
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: stamp('created_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    index('assessment_family_idx').on(t.municipalityId, t.familyId, t.date),
  ],
);
