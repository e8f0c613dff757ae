import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditEventDto, AuditQuery } from '../../../shared/audit.js';
import { AUDIT_READER_ROLES } from '../../../shared/roles.js';
import { audit } from '../../audit/audit.js';
import { auditEvent } from '../../audit/audit.table.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { staffUser } from '../admin/users.table.js';
import { listUserNames } from '../admin/users.repository.js';
import { findPersonByCpr } from '../families/persons.repository.js';
import { cprLookupHash } from '../referrals/referrals.service.js';

/** A date alone means the whole day (Danish time is close enough to the day boundary for a filter: we use UTC+1). */
function bound(value: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00+01:00`);
    return end ? new Date(d.getTime() + 86_400_000 - 1) : d;
  }
  return new Date(value);
}

/** One page of the audit log, newest first. Reading the log is itself audited, with the criteria. */
export async function readAuditLog(ctx: Ctx, q: AuditQuery): Promise<{ events: AuditEventDto[]; nextBefore: number | null }> {
  await requireRole(ctx, AUDIT_READER_ROLES, 'audit.read');
  const where: SQL[] = [eq(auditEvent.municipalityId, ctx.municipalityId)];
  if (q.actorUserId) where.push(eq(auditEvent.actorUserId, q.actorUserId));
  if (q.action) where.push(eq(auditEvent.action, q.action));
  if (q.outcome) where.push(eq(auditEvent.outcome, q.outcome));
  if (q.personId) where.push(sql`${auditEvent.personIds} @> array[${q.personId}]::uuid[]`);
  if (q.from) where.push(gte(auditEvent.occurredAt, bound(q.from, false)));
  if (q.to) where.push(lte(auditEvent.occurredAt, bound(q.to, true)));
  if (q.before) where.push(lt(auditEvent.seq, q.before));
  const rows = await ctx.tx
    .select({ e: auditEvent, actorName: staffUser.name })
    .from(auditEvent)
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, auditEvent.municipalityId), eq(staffUser.id, auditEvent.actorUserId)))
    .where(and(...where))
    .orderBy(desc(auditEvent.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const personIds = [...new Set(page.flatMap((r) => r.e.personIds))];
  await audit(ctx, {
    action: 'audit.read',
    personIds,
    details: { criteria: { ...q, limit: undefined }, rows: page.length },
  });
  return {
    events: page.map(({ e, actorName }) => ({
      seq: e.seq,
      occurredAt: e.occurredAt.toISOString(),
      actorUserId: e.actorUserId,
      actorName,
      actorRole: e.actorRole,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      personIds: e.personIds,
      purpose: e.purpose,
      outcome: e.outcome,
      details: e.details,
    })),
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.e.seq : null,
  };
}

/**
 * The person a CPR number belongs to, so the log can be filtered by a citizen: »who looked at this person?«. For the
 * log's readers only; audited with a keyed hash of the number and whether it was found, never the number.
 */
export async function lookupAuditPerson(ctx: Ctx, cpr: string): Promise<{ personId: string | null }> {
  await requireRole(ctx, AUDIT_READER_ROLES, 'audit.person_lookup');
  const found = await findPersonByCpr(ctx.tx, ctx.municipalityId, cpr);
  await audit(ctx, {
    action: 'audit.person_lookup',
    targetType: 'person',
    targetId: found?.id,
    personIds: found ? [found.id] : [],
    purpose: 'Loggen: hvem har set eller ændret personens oplysninger',
    details: { cprHash: await cprLookupHash(ctx, cpr), found: found !== undefined },
  });
  return { personId: found?.id ?? null };
}

export async function auditActors(ctx: Ctx) {
  await requireRole(ctx, AUDIT_READER_ROLES, 'audit.read');
  return listUserNames(ctx.tx, ctx.municipalityId);
}
