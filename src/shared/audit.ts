import { z } from 'zod';

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

/** The actions the foundation records; later modules add theirs. */
export const AUDIT_ACTIONS = [
  'setup.completed',
  'auth.login',
  'auth.login_failed',
  'auth.mfa_failed',
  'auth.mfa_enrolled',
  'auth.locked',
  'auth.logout',
  'auth.session_expired',
  'auth.password_changed',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.mfa_reset',
  'user.password_reset',
  'department.create',
  'department.update',
  'settings.update',
  'audit.read',
  'access.denied',
] as const;
