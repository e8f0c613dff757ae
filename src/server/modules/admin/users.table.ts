import { sql } from 'drizzle-orm';
import { boolean, foreignKey, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../../../shared/roles.js';
import { municipality } from '../../db/municipality.table.js';
import { department } from './departments.table.js';

/** A member of staff who logs in. Deactivated, never deleted. */
export const staffUser = pgTable(
  'staff_user',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    id: uuid('id').notNull().defaultRandom(),
    /** Stored lower-case; unique within the municipality. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    roles: text('roles').array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    profession: text('profession'),
    departmentId: uuid('department_id'),
    /** scrypt hash; null for users created by an import who have not been given a password. */
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Base32 TOTP secret; confirmed when mfaEnabledAt is set. */
    totpSecret: text('totp_secret'),
    mfaEnabledAt: timestamp('mfa_enabled_at', { withTimezone: true }),
    /** Last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    language: text('language').$type<'da' | 'en'>().notNull().default('da'),
    active: boolean('active').notNull().default(true),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    unique('staff_user_email_uq').on(t.municipalityId, t.email),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [department.municipalityId, department.id] }),
  ],
);
