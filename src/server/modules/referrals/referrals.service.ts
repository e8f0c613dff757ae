import { and, eq, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { withoutCpr } from '../../../shared/cpr.js';
import { todayInDenmark } from '../../../shared/dates.js';
import type { CreateReferralBody, EffortLookupBody, EffortLookupDto, MyReferralDto, ReferralDto, ReferralPerson, ReferralStatus } from '../../../shared/referrals.js';
import { audit } from '../../audit/audit.js';
import { auditEvent } from '../../audit/audit.table.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { pseudonym } from '../../db/pseudonym.js';
import { AppError } from '../../errors.js';
import { problemsOf } from '../../http/validation.js';
import { findUser } from '../admin/users.repository.js';
import { listEarlySigns } from './early-signs.repository.js';
import { presentMine, presentReferral, signLabelsOf } from './referrals.presenter.js';
import { canVisitate, REFERRER_ROLES, VISITATOR_ROLES } from './referrals.policy.js';
import {
  effortsByCpr,
  findReferral,
  insertReferral,
  listReferralsByReferrer,
  listReferralsWithPeople,
  type PersonEffort,
  type Referral,
} from './referrals.repository.js';

type Issue = z.core.$ZodIssue;

/** What the citizen sees as the purpose of a look-up of their CPR number. */
const LOOKUP_PURPOSE = 'Opsporing: om personen allerede er i en helhedsorienteret indsats';

/** How many "is this person already in an effort?" look-ups one user may make in an hour (refused ones count too). */
export const LOOKUPS_PER_HOUR = 30;
const LOOKUP_WINDOW_MS = 60 * 60_000;

/** The user's look-ups since `since`, from the audit trail (its index on actor and time). */
async function countRecentLookups(ctx: Ctx, since: Date): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.municipalityId, ctx.municipalityId),
        eq(auditEvent.actorUserId, actorOf(ctx).userId),
        gte(auditEvent.occurredAt, since),
        eq(auditEvent.action, 'person.lookup'),
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * The audit's stand-in for a looked-up CPR number: a keyed hash, so repeated look-ups of one number can be
 * told apart from others without the number itself being stored.
 */
/** The CPR of a look-up as the audit trail keeps it: a keyed hash, never the number. */
export function cprLookupHash(ctx: Ctx, cpr: string): Promise<string> {
  return pseudonym(ctx, 'person.lookup', cpr);
}

/** Registered persons and their efforts, for every CPR the referrals mention. */
export async function effortsOf(ctx: Ctx, referrals: Referral[]): Promise<Map<string, PersonEffort>> {
  const cprs = [...new Set(referrals.flatMap((r) => r.persons.flatMap((p) => (p.cpr ? [p.cpr] : []))))];
  return effortsByCpr(ctx.tx, ctx.municipalityId, cprs, todayInDenmark(ctx.now));
}

/** The ids of the referred persons who are registered: what the audit names. */
export function personIdsOf(persons: ReferralPerson[], efforts: Map<string, PersonEffort>): string[] {
  const ids = persons.flatMap((p) => (p.cpr && efforts.has(p.cpr) ? [efforts.get(p.cpr)!.personId] : []));
  return [...new Set(ids)];
}

/**
 * The referral, if the actor may visitate it; otherwise the same 404 as for one that does not exist, so ids
 * cannot be probed. The refusal is audited.
 */
export async function requireReferral(ctx: Ctx, id: string, attempted: string, opts: { forUpdate?: boolean } = {}): Promise<Referral> {
  const row = await findReferral(ctx.tx, ctx.municipalityId, id, opts);
  if (!row || !canVisitate(actorOf(ctx))) {
    await audit(ctx, { action: 'access.denied', targetType: 'referral', targetId: id, outcome: 'denied', details: { attempted, exists: !!row } });
    throw new AppError('referral_not_found').keepingWrites();
  }
  return row;
}

/** Sign codes that are not active on the municipality's checklist, as problems at `signs.N`. */
async function unknownSigns(ctx: Ctx, signs: unknown): Promise<Issue[]> {
  if (!Array.isArray(signs)) return [];
  const active = new Set((await listEarlySigns(ctx.tx, ctx.municipalityId, { activeOnly: true })).map((s) => s.code));
  return signs.flatMap((s, i): Issue[] =>
    typeof s === 'string' && s.trim() !== '' && !active.has(s.trim()) ? [{ code: 'custom', path: ['signs', i], message: 'unknown_sign', input: s }] : [],
  );
}

/**
 * Files a referral. `inputIssues` are the body's schema problems: they are reported together with unknown
 * signs, so the referrer sees every problem at once. Nothing is saved when there is one.
 */
export async function createReferral(ctx: Ctx, body: z.infer<typeof CreateReferralBody>, inputIssues: Issue[] = []): Promise<{ id: string }> {
  await requireRole(ctx, REFERRER_ROLES, 'referral.create');
  const actor = actorOf(ctx);
  const issues = [...inputIssues, ...(await unknownSigns(ctx, (body as { signs?: unknown }).signs))];
  if (issues.length > 0) throw new AppError('validation_failed', problemsOf(issues, ctx.lang));
  const me = await findUser(ctx.tx, ctx.municipalityId, actor.userId);
  const row = await insertReferral(ctx.tx, {
    municipalityId: ctx.municipalityId,
    referrerUserId: actor.userId,
    departmentId: me?.departmentId ?? null,
    profession: me?.profession ?? null,
    persons: body.persons,
    signs: [...new Set(body.signs)],
    // CPR numbers belong in the persons, where they are checked and masked; one typed into the description is blanked.
    note: withoutCpr(body.note),
    createdAt: ctx.now,
  });
  const efforts = await effortsOf(ctx, [row]);
  await audit(ctx, {
    action: 'referral.create',
    targetType: 'referral',
    targetId: row.id,
    personIds: personIdsOf(row.persons, efforts),
    details: { persons: row.persons.length, signs: row.signs },
  });
  return { id: row.id };
}

/**
 * Before filing: is the person already in an effort, and who coordinates it? Only that. Audited as a search
 * with a keyed hash of the CPR, never the number.
 */
export async function lookupEffort(ctx: Ctx, body: z.infer<typeof EffortLookupBody>): Promise<z.infer<typeof EffortLookupDto>> {
  await requireRole(ctx, REFERRER_ROLES, 'person.lookup');
  // One answer tells whether a CPR number is in an effort and who coordinates it: many in a row would map the
  // municipality's families. Counted from the audit trail, so the limit holds across app servers and restarts.
  const recent = await countRecentLookups(ctx, new Date(ctx.now.getTime() - LOOKUP_WINDOW_MS));
  if (recent >= LOOKUPS_PER_HOUR) {
    await audit(ctx, {
      action: 'person.lookup',
      targetType: 'person',
      purpose: LOOKUP_PURPOSE,
      outcome: 'denied',
      details: { cprHash: await cprLookupHash(ctx, body.cpr), reason: 'rate_limited', lookupsLastHour: recent },
    });
    throw new AppError('lookup_rate_limited').keepingWrites();
  }
  const hit = (await effortsByCpr(ctx.tx, ctx.municipalityId, [body.cpr], todayInDenmark(ctx.now))).get(body.cpr);
  const inEffort = hit?.inEffort ?? false;
  await audit(ctx, {
    action: 'person.lookup',
    targetType: 'person',
    targetId: hit?.personId,
    personIds: hit ? [hit.personId] : [],
    purpose: LOOKUP_PURPOSE,
    details: { cprHash: await cprLookupHash(ctx, body.cpr), found: !!hit, inEffort },
  });
  return { inEffort, coordinator: inEffort ? (hit!.coordinator ?? null) : null };
}

/** The visitation queue: referrals with one status, each person marked with whether they are in an effort. */
export async function getQueue(ctx: Ctx, status: ReferralStatus): Promise<ReferralDto[]> {
  await requireRole(ctx, VISITATOR_ROLES, 'referral.list');
  const rows = await listReferralsWithPeople(ctx.tx, ctx.municipalityId, { status });
  const efforts = await effortsOf(ctx, rows.map((r) => r.referral));
  const labels = signLabelsOf(await listEarlySigns(ctx.tx, ctx.municipalityId));
  await audit(ctx, {
    action: 'referral.read',
    targetType: 'referral',
    personIds: [...new Set(rows.flatMap((r) => personIdsOf(r.referral.persons, efforts)))],
    details: { status, count: rows.length },
  });
  return rows.map((r) => presentReferral(r, labels, efforts, actorOf(ctx)));
}

export async function getReferral(ctx: Ctx, id: string): Promise<ReferralDto> {
  await requireReferral(ctx, id, 'referral.read');
  const [row] = await listReferralsWithPeople(ctx.tx, ctx.municipalityId, { id });
  const efforts = await effortsOf(ctx, [row!.referral]);
  const labels = signLabelsOf(await listEarlySigns(ctx.tx, ctx.municipalityId));
  await audit(ctx, { action: 'referral.read', targetType: 'referral', targetId: id, personIds: personIdsOf(row!.referral.persons, efforts) });
  return presentReferral(row!, labels, efforts, actorOf(ctx));
}

/** The referrer's own referrals and their outcome: nothing about the family they led to. */
export async function getMyReferrals(ctx: Ctx): Promise<MyReferralDto[]> {
  await requireRole(ctx, REFERRER_ROLES, 'referral.list_mine');
  const rows = await listReferralsByReferrer(ctx.tx, ctx.municipalityId, actorOf(ctx).userId);
  const efforts = await effortsOf(ctx, rows);
  const labels = signLabelsOf(await listEarlySigns(ctx.tx, ctx.municipalityId));
  await audit(ctx, {
    action: 'referral.read',
    targetType: 'referral',
    personIds: [...new Set(rows.flatMap((r) => personIdsOf(r.persons, efforts)))],
    details: { own: true, count: rows.length },
  });
  return rows.map((r) => presentMine(r, labels));
}
