import type { z } from 'zod';
import { parseCpr } from '../../../shared/cpr.js';
import { todayInDenmark } from '../../../shared/dates.js';
import { OPEN_STATUSES, type MemberRole, type PersonInput } from '../../../shared/families.js';
import type { AcceptReferralBody, DecideReferralBody, ReferralPerson, ReferralStatus } from '../../../shared/referrals.js';
import { hasAnyRole } from '../../../shared/roles.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { findUser } from '../admin/users.repository.js';
import { requireFamily } from '../families/families.access.js';
import { addMember, createFamilyWithMembers } from '../families/families.service.js';
import { membersOf } from '../families/persons.repository.js';
import { effortsOf, personIdsOf, requireReferral } from './referrals.service.js';
import { markReferralDecided, type PersonEffort, type Referral } from './referrals.repository.js';

export interface Decision {
  id: string;
  status: ReferralStatus;
  familyId: string | null;
}

type Completion = NonNullable<z.infer<typeof AcceptReferralBody>['persons']>[number];

interface PlannedMember {
  person: PersonInput;
  role: MemberRole;
  /** Set when the CPR belongs to a registered person: they are reused, not created. */
  known: PersonEffort | undefined;
}

function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function birthDateOf(p: ReferralPerson): string {
  if (p.birthDate) return p.birthDate;
  const parsed = parseCpr(p.cpr!);
  return parsed.ok ? parsed.birthDate : '';
}

/**
 * The referral's persons as household members: the visitator's completions win; a missing family name is
 * taken from another person entered, else from a registered one, else from the family joined; a missing
 * role follows the age (under 18: child). A person who is not yet registered needs both names; every
 * missing one is a problem at `persons.N`.
 */
function planMembers(
  r: Referral,
  completions: Completion[],
  efforts: Map<string, PersonEffort>,
  householdNames: string[],
  today: string,
  problems: FieldProblem[],
): PlannedMember[] {
  completions.forEach((_, i) => {
    if (i >= r.persons.length) problems.push({ path: `persons.${i}`, message: 'not_in_referral' });
  });
  const familyNames = r.persons.map((p, i) => completions[i]?.familyName ?? p.familyName);
  const registered = r.persons.map((p) => (p.cpr ? efforts.get(p.cpr)?.familyName : undefined));
  const shared = [...familyNames, ...registered, ...householdNames].find((n) => !!n);
  return r.persons.map((p, i) => {
    const c = completions[i] ?? {};
    const known = p.cpr ? efforts.get(p.cpr) : undefined;
    const givenName = c.givenName ?? p.givenName;
    const familyName = familyNames[i] ?? shared;
    if (!known && !givenName) problems.push({ path: `persons.${i}.givenName`, message: 'given_name_needed' });
    if (!known && !familyName) problems.push({ path: `persons.${i}.familyName`, message: 'family_name_needed' });
    const birthDate = birthDateOf(p);
    return {
      person: { cpr: p.cpr, givenName: givenName ?? '', familyName: familyName ?? '', birthDate: p.birthDate },
      role: c.role ?? p.role ?? (ageOn(birthDate, today) < 18 ? 'child' : 'parent'),
      known,
    };
  });
}

/** The new family's coordinator: the one named, or the accepting user when a coordinator. Must be an active coordinator. */
async function chooseCoordinator(ctx: Ctx, named: string | undefined, problems: FieldProblem[]): Promise<string | null> {
  const actor = actorOf(ctx);
  const id = named ?? (hasAnyRole(actor.roles, ['coordinator']) ? actor.userId : undefined);
  if (!id) {
    problems.push({ path: 'coordinatorUserId', message: 'coordinator_required' });
    return null;
  }
  const user = await findUser(ctx.tx, ctx.municipalityId, id);
  if (!user || !user.active) problems.push({ path: 'coordinatorUserId', message: 'unknown_user' });
  else if (!user.roles.includes('coordinator')) problems.push({ path: 'coordinatorUserId', message: 'not_a_coordinator' });
  return id;
}

/** Runs a families service, moving the field paths of its problems onto the referral's persons. */
async function atReferralPaths<T>(fn: () => Promise<T>, memberIndex?: number): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AppError) || e.problems.length === 0) throw e;
    const problems = e.problems.map((p) => ({
      ...p,
      path: memberIndex === undefined ? p.path.replace(/^members\.(\d+)\.person\./, 'persons.$1.') : p.path.replace(/^person\./, `persons.${memberIndex}.`),
    }));
    const moved = new AppError(e.code, problems, e.details);
    throw e.keepWrites ? moved.keepingWrites() : moved;
  }
}

/**
 * Accepts a referral: creates a family (status assessing, referred on the referral's date) with its persons,
 * or adds them to an existing family the acting coordinator holds. Registered persons are reused by CPR.
 */
export async function acceptReferral(ctx: Ctx, id: string, body: z.infer<typeof AcceptReferralBody>): Promise<Decision> {
  const r = await requireReferral(ctx, id, 'referral.accept', { forUpdate: true });
  if (r.status !== 'open') throw new AppError('referral_already_decided');
  const joining = body.familyId ? await requireFamily(ctx, body.familyId, 'edit_household', { lock: true }) : null;
  if (joining && !OPEN_STATUSES.includes(joining.family.status)) throw new AppError('family_not_open');

  const today = todayInDenmark(ctx.now);
  const problems: FieldProblem[] = [];
  const efforts = await effortsOf(ctx, [r]);
  const household = joining ? await membersOf(ctx.tx, ctx.municipalityId, joining.family.id) : [];
  const members = planMembers(r, body.persons ?? [], efforts, household.map((h) => h.person.familyName), today, problems);
  const coordinatorUserId = joining ? null : await chooseCoordinator(ctx, body.coordinatorUserId, problems);
  if (problems.length > 0) throw new AppError('validation_failed', problems);

  let familyId: string;
  let personIds: string[];
  if (joining) {
    familyId = joining.family.id;
    const before = new Set(household.map((m) => m.person.id));
    let version = joining.family.version;
    for (const [i, m] of members.entries()) {
      if (m.known && before.has(m.known.personId)) continue;
      await atReferralPaths(
        () => addMember(ctx, familyId, { person: m.person, role: m.role, acknowledgeOtherFamily: body.acknowledgeOtherFamily, version }),
        i,
      );
      version++;
    }
    const after = await membersOf(ctx.tx, ctx.municipalityId, familyId);
    const linked = new Set(personIdsOf(r.persons, efforts));
    personIds = after.filter((m) => !before.has(m.person.id) || linked.has(m.person.id)).map((m) => m.person.id);
  } else {
    familyId = await atReferralPaths(() =>
      createFamilyWithMembers(ctx, {
        members: members.map(({ person, role }) => ({ person, role })),
        referredAt: todayInDenmark(r.createdAt),
        status: 'assessing',
        coordinatorUserId,
        cause: 'referral_accepted',
        acknowledgeOtherFamily: body.acknowledgeOtherFamily,
      }),
    );
    personIds = (await membersOf(ctx.tx, ctx.municipalityId, familyId)).map((m) => m.person.id);
  }

  await markReferralDecided(ctx.tx, ctx.municipalityId, id, {
    status: 'accepted',
    decisionReason: null,
    decidedBy: actorOf(ctx).userId,
    decidedAt: ctx.now,
    familyId,
  });
  await audit(ctx, {
    action: 'referral.accept',
    targetType: 'referral',
    targetId: id,
    personIds,
    details: { familyId, newFamily: !joining, coordinatorUserId },
  });
  return { id, status: 'accepted', familyId };
}

/** Declines a referral, or forwards it elsewhere; either needs a reason, which the referrer sees. */
export async function decideReferral(
  ctx: Ctx,
  id: string,
  outcome: Extract<ReferralStatus, 'declined' | 'forwarded'>,
  body: z.infer<typeof DecideReferralBody>,
): Promise<Decision> {
  const action = outcome === 'declined' ? 'referral.decline' : 'referral.forward';
  const r = await requireReferral(ctx, id, action, { forUpdate: true });
  if (r.status !== 'open') throw new AppError('referral_already_decided');
  await markReferralDecided(ctx.tx, ctx.municipalityId, id, {
    status: outcome,
    decisionReason: body.reason,
    decidedBy: actorOf(ctx).userId,
    decidedAt: ctx.now,
    familyId: null,
  });
  const efforts = await effortsOf(ctx, [r]);
  await audit(ctx, { action, targetType: 'referral', targetId: id, personIds: personIdsOf(r.persons, efforts) });
  return { id, status: outcome, familyId: null };
}
