import type { z } from 'zod';
import { todayInDenmark } from '../../../shared/dates.js';
import { diffPlans } from '../../../shared/plan-diff.js';
import type { PlanDiffDto, PlanDto, PlanSnapshot, PlanVersionDto, PublishBody, SignOffBody } from '../../../shared/plans.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireFamily } from '../families/families.access.js';
import { touchFamily } from '../families/families.service.js';
import { membersOf } from '../families/persons.repository.js';
import { nextVersionNumber, reviewDateProblem, signOffProblem } from './plan-versioning.js';
import { PLAN_ACCESS } from './plans.policy.js';
import { narrowSnapshot } from './plans.presenter.js';
import { findPlanByFamily, findVersion, findVersionByNumber, hasSignedOff, insertSignOff, insertVersion, listVersionNumbers, updatePlan } from './plans.repository.js';
import { loadDraft, memberIds, openDraft, planView, versionsOf } from './plans.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Publishes the draft as the next version, which becomes the one current version. The coordinator publishes
 * what they saw (the draft version), with a next review date that is not in the past.
 */
export async function publishPlan(ctx: Ctx, familyId: string, body: z.infer<typeof PublishBody>): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, body.draftVersion, 'publish');
  const draft = await loadDraft(ctx, familyId);
  const problems: FieldProblem[] = [];
  const dateProblem = reviewDateProblem(body.nextReviewDate, w.today);
  if (dateProblem) problems.push({ path: 'nextReviewDate', message: dateProblem });
  if (draft.snapshot.goals.length === 0) problems.push({ path: 'goals', message: 'goals_required' });
  if (problems.length > 0) throw new AppError('validation_failed', problems);

  const number = nextVersionNumber(await listVersionNumbers(ctx.tx, ctx.municipalityId, w.plan.id));
  const version = await insertVersion(ctx.tx, {
    municipalityId: ctx.municipalityId,
    planId: w.plan.id,
    number,
    snapshot: draft.snapshot,
    nextReviewDate: body.nextReviewDate,
    note: body.note || null,
    publishedBy: actorOf(ctx).userId,
    publishedAt: ctx.now,
  });
  // Exactly one current version: the plan points at the one just published.
  await updatePlan(ctx.tx, ctx.municipalityId, w.plan.id, { currentVersionId: version.id, updatedAt: ctx.now });
  await touchFamily(ctx, familyId);
  await audit(ctx, {
    action: 'plan.publish',
    targetType: 'family',
    targetId: familyId,
    personIds: memberIds(w.members),
    details: { planId: w.plan.id, versionId: version.id, number, draftVersion: w.next - 1, nextReviewDate: body.nextReviewDate, goals: draft.snapshot.goals.length },
  });
  return planView(ctx, familyId, w.relation, w.members, w.kinds);
}

/** The history: every published version, newest first, who published it and when, with its sign-offs. */
export async function getPlanVersions(ctx: Ctx, familyId: string): Promise<{ versions: PlanVersionDto[] }> {
  const { relation } = await requireFamily(ctx, familyId, PLAN_ACCESS.read);
  const plan = await findPlanByFamily(ctx.tx, ctx.municipalityId, familyId);
  const versions = await versionsOf(ctx, plan);
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  await audit(ctx, {
    action: 'plan.read',
    targetType: 'family',
    targetId: familyId,
    personIds: memberIds(members),
    details: { relation, view: 'versions', versions: versions.length },
  });
  return { versions: versions.map((v) => v.dto) };
}

/** What changed between two versions (by number), or between a version and the draft. */
export async function getPlanDiff(ctx: Ctx, familyId: string, a: number, b: number | 'draft'): Promise<z.infer<typeof PlanDiffDto>> {
  const { relation, kinds } = await requireFamily(ctx, familyId, PLAN_ACCESS.read);
  const plan = await findPlanByFamily(ctx.tx, ctx.municipalityId, familyId);
  const snapshotOfNumber = async (n: number): Promise<PlanSnapshot> => {
    const v = plan ? await findVersionByNumber(ctx.tx, ctx.municipalityId, plan.id, n) : undefined;
    if (!v) throw new AppError('plan_version_not_found');
    return v.snapshot;
  };
  // Both sides narrowed to the kinds the viewer's consent covers (decision 0017).
  const before = narrowSnapshot(await snapshotOfNumber(a), kinds).snapshot;
  const after = narrowSnapshot(b === 'draft' ? (await loadDraft(ctx, familyId)).snapshot : await snapshotOfNumber(b), kinds).snapshot;
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  await audit(ctx, {
    action: 'plan.read',
    targetType: 'family',
    targetId: familyId,
    personIds: memberIds(members),
    details: { relation, view: 'diff', from: a, to: b },
  });
  return { from: a, to: b, ...diffPlans(before, after) };
}

/** Records the family's sign-off on a version: who (a parent, or a child of 15 or over), when and how. */
export async function signOffVersion(ctx: Ctx, familyId: string, versionId: string, body: z.infer<typeof SignOffBody>): Promise<PlanVersionDto> {
  await requireFamily(ctx, familyId, PLAN_ACCESS.signOff, { lock: true });
  const plan = await findPlanByFamily(ctx.tx, ctx.municipalityId, familyId);
  const version = plan && UUID.test(versionId) ? await findVersion(ctx.tx, ctx.municipalityId, plan.id, versionId) : undefined;
  if (!plan || !version) throw new AppError('plan_version_not_found');
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  const m = members.find((x) => x.person.id === body.personId);
  const problem = signOffProblem(
    m && { role: m.member.role, birthDate: m.person.birthDate, from: m.member.from, to: m.member.to },
    body.signedAt,
    todayInDenmark(version.publishedAt),
    todayInDenmark(ctx.now),
  );
  if (problem) throw new AppError('validation_failed', [problem]);
  if (await hasSignedOff(ctx.tx, ctx.municipalityId, version.id, body.personId)) throw new AppError('plan_already_signed');
  const row = await insertSignOff(ctx.tx, {
    municipalityId: ctx.municipalityId,
    versionId: version.id,
    personId: body.personId,
    signedAt: body.signedAt,
    how: body.how,
    recordedBy: actorOf(ctx).userId,
    recordedAt: ctx.now,
  });
  await touchFamily(ctx, familyId);
  await audit(ctx, {
    action: 'plan.sign_off',
    targetType: 'family',
    targetId: familyId,
    personIds: [body.personId],
    details: { planId: plan.id, versionId: version.id, number: version.number, signOffId: row.id, signedAt: body.signedAt, how: body.how },
  });
  const versions = await versionsOf(ctx, plan);
  return versions.find((v) => v.row.id === version.id)!.dto;
}
