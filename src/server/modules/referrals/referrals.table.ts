import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ReferralPerson, ReferralStatus } from '../../../shared/referrals.js';
import { municipality } from '../../db/municipality.table.js';
import { staffUser } from '../admin/users.table.js';

/** The municipality's checklist of early signs (opsporing), editable by administrators. */
export const earlySign = pgTable(
  'early_sign',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    code: text('code').notNull(),
    labelDa: text('label_da').notNull(),
    labelEn: text('label_en').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.code] })],
);

/** A henvendelse: a professional's notice of a family that may need the effort. */
export const referral = pgTable(
  'referral',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    id: uuid('id').notNull().defaultRandom(),
    referrerUserId: uuid('referrer_user_id').notNull(),
    /** The referrer's department and profession when they referred. */
    departmentId: uuid('department_id'),
    profession: text('profession'),
    /** The persons as the referrer knew them: CPR or name and birth date. Resolved to persons on acceptance. */
    persons: jsonb('persons').$type<ReferralPerson[]>().notNull(),
    signs: text('signs').array().notNull(),
    note: text('note').notNull(),
    status: text('status').$type<ReferralStatus>().notNull().default('open'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    familyId: uuid('family_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.referrerUserId], foreignColumns: [staffUser.municipalityId, staffUser.id] }),
    index('referral_status_idx').on(t.municipalityId, t.status, t.createdAt),
    index('referral_referrer_idx').on(t.municipalityId, t.referrerUserId),
  ],
);
