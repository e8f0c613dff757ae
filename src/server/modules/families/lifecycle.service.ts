import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { todayInDenmark } from '../../../shared/dates.js';
import { TRANSITIONS, type ChangeCause, type FamilyStatus, type RecordConsentBody, type TransitionBody, type TransitionResultDto, type WithdrawConsentBody } from '../../../shared/families.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { department } from '../admin/departments.table.js';
import { checkVersion, requireFamily, type FamilyHead } from './families.access.js';
import { touchFamily } from './families.service.js';
import { consent, custody, familyStatusEvent } from './families.table.js';
import { membersOf } from './persons.repository.js';

type ConsentRow = typeof consent.$inferSelect;

/** A consent is in force on a date when given by then, not expired and not withdrawn. */
export function consentInForce(c: Pick<ConsentRow, 'givenAt' | 'expiresAt' | 'withdrawnAt'>, date: string): boolean {
  return c.givenAt <= date && (c.expiresAt === null || c.expiresAt >= date) && (c.withdrawnAt === null || c.withdrawnAt > date);
}

/**
 * The custody holders of the family's children who have no consent in force on `date`. An empty list means
 * the family may become active. A child without any custody holder is its own problem.
 */
export async function missingConsents(ctx: Ctx, familyId: string, date: string): Promise<{ childrenWithoutCustody: string[]; holdersWithoutConsent: string[] }> {
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  const custodies = await ctx.tx.select().from(custody).where(and(eq(custody.municipalityId, ctx.municipalityId), eq(custody.familyId, familyId)));
  const consents = await ctx.tx.select().from(consent).where(and(eq(consent.municipalityId, ctx.municipalityId), eq(consent.familyId, familyId)));
  const children = members.filter((m) => m.member.role === 'child').map((m) => m.person.id);
  const childrenWithoutCustody = children.filter((c) => !custodies.some((k) => k.childPersonId === c));
  const holders = new Set(custodies.map((k) => k.holderPersonId));
  // With no children, the adults' own consent is what the voluntary effort rests on.
  if (children.length === 0) for (const m of members) if (m.member.role === 'parent') holders.add(m.person.id);
  const holdersWithoutConsent = [...holders].filter((h) => !consents.some((c) => c.personId === h && consentInForce(c, date)));
  return { childrenWithoutCustody, holdersWithoutConsent };
}

/** Records a status change: `reason` in the words of the person who made it, `cause` when the system prompted it. */
async function recordStatus(ctx: Ctx, f: FamilyHead, to: FamilyStatus, date: string, why: { reason: string; cause?: ChangeCause }) {
  await ctx.tx.insert(familyStatusEvent).values({
    municipalityId: ctx.municipalityId,
    familyId: f.id,
    fromStatus: f.status,
    toStatus: to,
    date,
    reason: why.reason,
    cause: why.cause ?? null,
    byUserId: actorOf(ctx).userId,
    at: ctx.now,
  });
  await audit(ctx, { action: 'family.status_change', targetType: 'family', targetId: f.id, details: { from: f.status, to, date, ...(why.cause ? { cause: why.cause } : {}) } });
}

/** Moves the family along its lifecycle; activation needs a coordinator and every custody holder's consent. */
export async function transitionFamily(ctx: Ctx, familyId: string, body: z.infer<typeof TransitionBody>): Promise<z.infer<typeof TransitionResultDto>> {
  const { family: f } = await requireFamily(ctx, familyId, 'transition', { lock: true });
  checkVersion(f, body.version);
  if (!TRANSITIONS[f.status].includes(body.to)) throw new AppError('invalid_transition', [{ path: 'to', message: '' }]);
  if (body.date > todayInDenmark(ctx.now)) throw fieldError('date', 'date_in_future');
  const values: Record<string, unknown> = { status: body.to };
  if (body.to === 'active') {
    if (!f.coordinatorUserId) throw new AppError('no_coordinator');
    const missing = await missingConsents(ctx, familyId, body.date);
    if (missing.childrenWithoutCustody.length > 0) throw new AppError('child_without_custody', [], { personIds: missing.childrenWithoutCustody });
    if (missing.holdersWithoutConsent.length > 0) throw new AppError('consent_missing', [], { personIds: missing.holdersWithoutConsent });
    if (!f.enrolledAt) values.enrolledAt = body.date;
  }
  if (body.to === 'completed') {
    values.completedAt = body.date;
    values.completionReason = body.completionReason ?? null;
  }
  if (body.to === 'withdrawn') values.withdrawnAt = body.date;
  if (f.enrolledAt && body.date < f.enrolledAt && (body.to === 'completed' || body.to === 'withdrawn')) {
    throw fieldError('date', 'date_before_enrolment');
  }
  await touchFamily(ctx, familyId, values);
  await recordStatus(ctx, f, body.to, body.date, { reason: body.reason });
  return { ok: true, ended: body.endRunning && ENDING_STATUSES.includes(body.to) ? await endWhatRuns(ctx, familyId, body.date, body.to) : null };
}

/** Statuses that end the family's effort. */
const ENDING_STATUSES: readonly FamilyStatus[] = ['completed', 'declined', 'withdrawn'];

/**
 * When the effort ends, what still runs for the family ends with it, in the same transaction: interventions and team
 * memberships going on at the date end on it (those not begun by then are left, to be ended or corrected on their
 * own), planned meetings ahead are cancelled (their invitations become cancellations), and open tasks about the
 * family are closed as cancelled. One audit event names what was ended.
 */
async function endWhatRuns(ctx: Ctx, familyId: string, date: string, to: FamilyStatus): Promise<z.infer<typeof TransitionResultDto>['ended']> {
  const m = ctx.municipalityId;
  const reason = to === 'completed' ? 'Familiens forløb er afsluttet' : to === 'withdrawn' ? 'Familien har trukket sig fra indsatsen' : 'Familien er ikke visiteret til indsatsen';
  const interventions = await ctx.tx.execute<{ id: string }>(sql`
    update intervention set "to" = ${date}::date, version = version + 1, updated_at = ${ctx.now.toISOString()}::timestamptz
    where municipality_id = ${m} and family_id = ${familyId} and "from" <= ${date}::date and ("to" is null or "to" > ${date}::date)
    returning id`);
  const team = await ctx.tx.execute<{ id: string }>(sql`
    update team_member set "to" = ${date}::date
    where municipality_id = ${m} and family_id = ${familyId} and "from" <= ${date}::date and ("to" is null or "to" > ${date}::date)
    returning id`);
  const meetings = await ctx.tx.execute<{ id: string }>(sql`
    update meeting set status = 'cancelled', cancelled_at = ${ctx.now.toISOString()}::timestamptz, cancel_reason = ${reason},
                       version = version + 1, updated_at = ${ctx.now.toISOString()}::timestamptz
    where municipality_id = ${m} and family_id = ${familyId} and status = 'planned' and starts_at > ${ctx.now.toISOString()}::timestamptz
    returning id`);
  const tasks = await ctx.tx.execute<{ id: string }>(sql`
    update task set status = 'cancelled', completed_at = ${ctx.now.toISOString()}::timestamptz
    where municipality_id = ${m} and family_id = ${familyId} and status = 'open'
    returning id`);
  const ids = (r: { rows: { id: string }[] }) => r.rows.map((x) => x.id);
  await audit(ctx, {
    action: 'family.end_running',
    targetType: 'family',
    targetId: familyId,
    details: { to, date, interventionIds: ids(interventions), teamMemberIds: ids(team), meetingIds: ids(meetings), taskIds: ids(tasks) },
  });
  return { interventions: interventions.rows.length, teamMembers: team.rows.length, meetings: meetings.rows.length, tasks: tasks.rows.length };
}

export async function recordConsent(ctx: Ctx, familyId: string, body: z.infer<typeof RecordConsentBody>): Promise<string> {
  const { family: f } = await requireFamily(ctx, familyId, 'record_consent', { lock: true });
  checkVersion(f, body.version);
  // A consent is recorded once it has been given: a date ahead would be a consent nobody has given yet, which can
  // be neither corrected nor withdrawn before that date.
  if (body.givenAt > todayInDenmark(ctx.now)) throw fieldError('givenAt', 'date_in_future');
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  if (!members.some((m) => m.person.id === body.personId)) throw fieldError('personId', 'unknown_person');
  const known = await ctx.tx.select({ id: department.id }).from(department).where(eq(department.municipalityId, ctx.municipalityId));
  for (const [i, d] of body.scope.departmentIds.entries()) {
    if (!known.some((k) => k.id === d)) throw fieldError(`scope.departmentIds.${i}`, 'unknown_department');
  }
  const [row] = await ctx.tx
    .insert(consent)
    .values({
      municipalityId: ctx.municipalityId,
      familyId,
      personId: body.personId,
      scope: { departmentIds: [...new Set(body.scope.departmentIds)], kinds: [...new Set(body.scope.kinds)] },
      givenAt: body.givenAt,
      expiresAt: body.expiresAt ?? null,
      howGiven: body.howGiven,
      recordedBy: actorOf(ctx).userId,
      createdAt: ctx.now,
    })
    .returning({ id: consent.id });
  await touchFamily(ctx, familyId);
  await audit(ctx, {
    action: 'consent.record',
    targetType: 'consent',
    targetId: row!.id,
    personIds: [body.personId],
    details: { familyId, givenAt: body.givenAt, expiresAt: body.expiresAt ?? null, howGiven: body.howGiven, scope: body.scope },
  });
  return row!.id;
}

/**
 * Withdrawal is respected from that moment: an active family is paused, and team members whose department
 * the remaining consent does not cover lose access (the access policy reads consent in force).
 */
export async function withdrawConsent(ctx: Ctx, familyId: string, consentId: string, body: z.infer<typeof WithdrawConsentBody>): Promise<void> {
  const { family: f } = await requireFamily(ctx, familyId, 'record_consent', { lock: true });
  checkVersion(f, body.version);
  const [c] = await ctx.tx
    .select()
    .from(consent)
    .where(and(eq(consent.municipalityId, ctx.municipalityId), eq(consent.familyId, familyId), eq(consent.id, consentId), isNull(consent.withdrawnAt)));
  if (!c) throw new AppError('consent_not_found');
  if (body.withdrawnAt < c.givenAt) throw fieldError('withdrawnAt', 'withdrawal_before_consent');
  await ctx.tx.update(consent).set({ withdrawnAt: body.withdrawnAt }).where(and(eq(consent.municipalityId, ctx.municipalityId), eq(consent.id, consentId)));
  const pause = f.status === 'active';
  await touchFamily(ctx, familyId, pause ? { status: 'paused' } : {});
  await audit(ctx, { action: 'consent.withdraw', targetType: 'consent', targetId: consentId, personIds: [c.personId], details: { familyId, withdrawnAt: body.withdrawnAt } });
  if (pause) await recordStatus(ctx, f, 'paused', body.withdrawnAt, { reason: body.reason, cause: 'consent_withdrawn' });
}
