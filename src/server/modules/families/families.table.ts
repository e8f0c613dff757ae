import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { ChangeCause, ConsentScope, FamilyStatus, HowGiven, MemberRole } from '../../../shared/families.js';
import { municipality } from '../../db/municipality.table.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';

const mid = () => uuid('municipality_id').notNull().references(() => municipality.id);
const stamp = (name: string) => timestamp(name, { withTimezone: true }).notNull().defaultNow();

/** A family (familie/husstand) in the effort. */
export const family = pgTable(
  'family',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    status: text('status').$type<FamilyStatus>().notNull(),
    referredAt: date('referred_at'),
    /** Date the family first became active; the 12- and 24-month follow-ups count from here. */
    enrolledAt: date('enrolled_at'),
    completedAt: date('completed_at'),
    withdrawnAt: date('withdrawn_at'),
    completionReason: text('completion_reason'),
    /** Exactly one coordinator at a time; the history is in coordinator_assignment. */
    coordinatorUserId: uuid('coordinator_user_id'),
    /** Optimistic concurrency: every change bumps it; a stale version gets a conflict. */
    version: integer('version').notNull().default(1),
    /** The sender's identifier when imported (helhed-exchange ref). */
    externalRef: text('external_ref'),
    createdAt: stamp('created_at'),
    updatedAt: stamp('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.coordinatorUserId], foreignColumns: [staffUser.municipalityId, staffUser.id] }),
    index('family_coordinator_idx').on(t.municipalityId, t.coordinatorUserId),
    index('family_status_idx').on(t.municipalityId, t.status),
    unique('family_external_ref_uq').on(t.municipalityId, t.externalRef),
  ],
);

/** Every status change, dated, attributed and with a reason: a person's words, a cause the system names, or both. */
export const familyStatusEvent = pgTable(
  'family_status_event',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    fromStatus: text('from_status').$type<FamilyStatus>(),
    toStatus: text('to_status').$type<FamilyStatus>().notNull(),
    /** The date the change takes effect. */
    date: date('date').notNull(),
    /** The reason in the words of the person who made the change; null when only `cause` says why. */
    reason: text('reason'),
    /** Set when the system made or prompted the change (CHANGE_CAUSES). */
    cause: text('cause').$type<ChangeCause>(),
    byUserId: uuid('by_user_id'),
    at: stamp('at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    index('family_status_event_family_idx').on(t.municipalityId, t.familyId),
  ],
);

/** A person: CPR (when known), names, contact, language. May belong to more than one family. */
export const person = pgTable(
  'person',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    /** Ten digits, no hyphen; null when not known. Never in URLs, logs or extracts; shown masked. */
    cpr: text('cpr'),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex').$type<'female' | 'male' | 'unknown'>().notNull(),
    preferredLanguage: text('preferred_language'),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    /** Adressebeskyttelse: the address is masked everywhere and shown only by an audited action. */
    protectedAddress: boolean('protected_address').notNull().default(false),
    externalRef: text('external_ref'),
    createdAt: stamp('created_at'),
    updatedAt: stamp('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    unique('person_cpr_uq').on(t.municipalityId, t.cpr),
    unique('person_external_ref_uq').on(t.municipalityId, t.externalRef),
  ],
);

/** Membership of a person in a family, with a role. */
export const familyMember = pgTable(
  'family_member',
  {
    municipalityId: mid(),
    familyId: uuid('family_id').notNull(),
    personId: uuid('person_id').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    from: date('from').notNull(),
    to: date('to'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.familyId, t.personId] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    index('family_member_person_idx').on(t.municipalityId, t.personId),
  ],
);

/** Forældremyndighed: who holds custody of which child. */
export const custody = pgTable(
  'custody',
  {
    municipalityId: mid(),
    familyId: uuid('family_id').notNull(),
    childPersonId: uuid('child_person_id').notNull(),
    holderPersonId: uuid('holder_person_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.familyId, t.childPersonId, t.holderPersonId] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.childPersonId], foreignColumns: [person.municipalityId, person.id] }),
    foreignKey({ columns: [t.municipalityId, t.holderPersonId], foreignColumns: [person.municipalityId, person.id] }),
  ],
);

/** Samtykke: a person's consent, its scope and its dates. */
export const consent = pgTable(
  'consent',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    personId: uuid('person_id').notNull(),
    scope: jsonb('scope').$type<ConsentScope>().notNull(),
    givenAt: date('given_at').notNull(),
    expiresAt: date('expires_at'),
    withdrawnAt: date('withdrawn_at'),
    howGiven: text('how_given').$type<HowGiven>().notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: stamp('created_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    index('consent_family_idx').on(t.municipalityId, t.familyId),
  ],
);

/** Who has coordinated the family, and when. The current one has no `to`. */
export const coordinatorAssignment = pgTable(
  'coordinator_assignment',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id').notNull(),
    from: date('from').notNull(),
    to: date('to'),
    byUserId: uuid('by_user_id'),
    reason: text('reason'),
    /** Set when the system assigned the coordinator (CHANGE_CAUSES): registered directly, from a referral, imported. */
    cause: text('cause').$type<ChangeCause>(),
    at: stamp('at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [staffUser.municipalityId, staffUser.id] }),
    index('coordinator_assignment_family_idx').on(t.municipalityId, t.familyId),
  ],
);

/** A professional on the family's team, from a department, with a role on the team. */
export const teamMember = pgTable(
  'team_member',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    role: text('role').notNull(),
    from: date('from').notNull(),
    to: date('to'),
    createdAt: stamp('created_at'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [staffUser.municipalityId, staffUser.id] }),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [department.municipalityId, department.id] }),
    index('team_member_user_idx').on(t.municipalityId, t.userId),
    index('team_member_family_idx').on(t.municipalityId, t.familyId),
  ],
);

/** Break-the-glass: access outside one's relation to the family, with a stated reason, for the manager to review. */
export const breakGlassAccess = pgTable(
  'break_glass_access',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    familyId: uuid('family_id').notNull(),
    reason: text('reason').notNull(),
    at: stamp('at'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [staffUser.municipalityId, staffUser.id] }),
    index('break_glass_user_family_idx').on(t.municipalityId, t.userId, t.familyId),
  ],
);
