import { z } from 'zod';
import { CprSchema } from './families.js';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;

export const AuditQuery = z.strictObject({
  actorUserId: z.uuid().optional(),
  action: z.string().trim().max(100).optional(),
  personId: z.uuid().optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Inclusive, ISO date or date-time. */
  from: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
  /** Inclusive, ISO date or date-time. */
  to: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
  /** Keyset paging: events with seq below this. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/**
 * »Who looked at this citizen?«: the person a CPR number belongs to in the municipality, for the log's person
 * filter. Sent in the body (never in an address); the look-up is audited with a keyed hash of the number.
 */
export const AuditPersonLookupBody = z.strictObject({ cpr: CprSchema });
export const AuditPersonLookupDto = z.object({ personId: z.uuid().nullable() });

export const AuditEventDto = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  personIds: z.array(z.string()),
  purpose: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;

export const AuditPageDto = z.object({
  events: z.array(AuditEventDto),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});

export const AuditActorsDto = z.object({ actors: z.array(z.object({ id: z.uuid(), name: z.string() })) });

/** Every action the server records (each has a label in the web's i18n files). */
export const AUDIT_ACTIONS = [
  'access.denied',
  'assessment.create',
  'assessment.read',
  'audit.person_lookup',
  'audit.read',
  'auth.locked',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.mfa_enrolled',
  'auth.mfa_failed',
  'auth.password_changed',
  'auth.session_expired',
  'break_glass.review',
  'break_glass.review_list_read',
  'caseload.distribution_read',
  'caseload.read',
  'child_welfare.create',
  'child_welfare.delete',
  'child_welfare.update',
  'concern_report.create',
  'concern_report.delete',
  'concern_report.update',
  'consent.record',
  'consent.withdraw',
  'department.create',
  'department.update',
  'demo.load',
  'early_sign.update',
  'evaluation.dashboard_read',
  'evaluation.kpis_download',
  'evaluation.kpis_read',
  'exchange.export',
  'exchange.import',
  'exchange.import_started',
  'family.break_glass',
  'family.coordinator_assign',
  'family.create',
  'family.custody_set',
  'family.member_add',
  'family.read',
  'family.end_running',
  'family.status_change',
  'family.team_add',
  'family.team_end',
  'family.update',
  'goal_rating.record',
  'intervention.create',
  'intervention.overlaps_read',
  'intervention.read',
  'intervention.delete',
  'intervention.update',
  'intervention_type.create',
  'intervention_type.update',
  'life_domain.upsert',
  'measurement.read',
  'meeting.cancel',
  'meeting.create',
  'meeting.decision',
  'meeting.ics',
  'meeting.minutes',
  'meeting.read',
  'meeting.update',
  'note.addendum',
  'note.create',
  'note.finalise',
  'note.read',
  'note.search',
  'note.update',
  'person.lookup',
  'person.reveal_address',
  'person.reveal_cpr',
  'person.update',
  'plan.action_create',
  'plan.action_remove',
  'plan.action_update',
  'plan.baseline_set',
  'plan.goal_create',
  'plan.goal_remove',
  'plan.goal_update',
  'plan.print',
  'plan.publish',
  'plan.read',
  'plan.sign_off',
  'referral.accept',
  'referral.create',
  'referral.decline',
  'referral.forward',
  'referral.list',
  'referral.list_mine',
  'referral.read',
  'school_attendance.create',
  'school_attendance.delete',
  'school_attendance.update',
  'settings.update',
  'setup.completed',
  'support_period.create',
  'support_period.delete',
  'support_period.update',
  'task.create',
  'task.read',
  'task.update',
  'tasks.raised',
  'team.families_read',
  'user.create',
  'user.deactivate',
  'user.mfa_reset',
  'user.password_reset',
  'user.reactivate',
  'user.update',
] as const;
