import type { z } from 'zod';
import { lifeDomainKind, seesIntervention } from '../../../shared/consent-kinds.js';
import type { ActionBody, ActionPatchBody, BaselineBody, DraftVersionBody, GoalBody, GoalPatchBody, PlanDto, Responsible } from '../../../shared/plans.js';
import { audit } from '../../audit/audit.js';
import type { Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { findDepartment } from '../admin/departments.repository.js';
import { findUser } from '../admin/users.repository.js';
import { beforePlanStart } from './plan-versioning.js';
import { changeStamp, closeDraft, goalPersonIds, memberIds, openDraft, planView, type DraftWrite } from './plans.service.js';
import {
  findAction,
  findFamilyIntervention,
  findGoal,
  insertAction,
  insertGoal,
  linkIntervention,
  nextActionSortOrder,
  nextGoalSortOrder,
  unlinkIntervention,
  updateAction,
  updateGoal,
  upsertBaseline,
  type GoalRow,
} from './plans.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

/** A domain chosen for a goal or a baseline must be on the municipality's list and in use. */
function checkDomain(w: DraftWrite, code: string, problems: FieldProblem[]): void {
  if (!w.domains.some((d) => d.code === code && d.active)) problems.push({ path: 'domain', message: 'unknown_domain' });
  else if (!coversDomain(w, code)) problems.push({ path: 'domain', message: 'not_covered_by_consent' });
}

/** The writer may see (and so write) the domain's kind of information (decision 0017). */
function coversDomain(w: DraftWrite, code: string): boolean {
  return w.kinds.includes(lifeDomainKind(code));
}

function checkMember(w: DraftWrite, personId: string | null, path: string, problems: FieldProblem[]): void {
  if (personId !== null && !w.members.some((m) => m.person.id === personId)) problems.push({ path, message: 'unknown_person' });
}

function checkDate(w: DraftWrite, date: string | null | undefined, path: string, problems: FieldProblem[]): void {
  if (beforePlanStart(date, w.plan.startDate)) problems.push({ path, message: 'date_before_plan_start' });
}

/** Who does an action must exist: a member of the family, an active staff user or an active department. */
async function checkResponsible(ctx: Ctx, w: DraftWrite, r: Responsible, problems: FieldProblem[]): Promise<void> {
  if (r.kind === 'person') return checkMember(w, r.personId, 'responsible.personId', problems);
  if (r.kind === 'staff') {
    const u = await findUser(ctx.tx, ctx.municipalityId, r.userId);
    if (!u || !u.active) problems.push({ path: 'responsible.userId', message: 'unknown_user' });
    return;
  }
  const d = await findDepartment(ctx.tx, ctx.municipalityId, r.departmentId);
  if (!d || !d.active) problems.push({ path: 'responsible.departmentId', message: 'unknown_department' });
}

/** A goal of the family's plan not removed, whose domain the writer's consent covers, or 404. */
async function requireGoal(ctx: Ctx, w: DraftWrite, goalId: string): Promise<GoalRow> {
  const goal = UUID.test(goalId) ? await findGoal(ctx.tx, ctx.municipalityId, w.plan.id, goalId) : undefined;
  if (!goal || !coversDomain(w, goal.domain)) throw new AppError('goal_not_found');
  return goal;
}

/** The persons an action concerns: its goal's, and the family member responsible for it. */
function actionPersonIds(goal: GoalRow, responsibles: Responsible[], w: DraftWrite): string[] {
  const ids = new Set(goalPersonIds(goal.personId, w.members));
  for (const r of responsibles) if (r.kind === 'person') ids.add(r.personId);
  return [...ids];
}

/** Fields whose value the change really alters, for the audit trail (names, not the family's words). */
function changedFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>): string[] {
  return Object.keys(patch).filter((k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(before[k] ?? null));
}

async function finish(ctx: Ctx, familyId: string, w: DraftWrite, event: { action: string; personIds: string[]; details: Record<string, unknown> }): Promise<PlanDto> {
  await closeDraft(ctx, familyId, w);
  await audit(ctx, {
    action: event.action,
    targetType: 'family',
    targetId: familyId,
    personIds: event.personIds,
    details: { planId: w.plan.id, draftVersion: w.next, ...event.details },
  });
  return planView(ctx, familyId, w.relation, w.members, w.kinds);
}

/** Adds a goal, in the family's own words, to the draft. */
export async function addGoal(ctx: Ctx, familyId: string, body: z.infer<typeof GoalBody>): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, body.draftVersion);
  const problems: FieldProblem[] = [];
  const personId = body.personId ?? null;
  checkMember(w, personId, 'personId', problems);
  checkDomain(w, body.domain, problems);
  checkDate(w, body.targetDate, 'targetDate', problems);
  refuse(problems);
  const stamp = changeStamp(ctx, w);
  const goal = await insertGoal(ctx.tx, {
    municipalityId: ctx.municipalityId,
    planId: w.plan.id,
    familyId,
    personId,
    domain: body.domain,
    horizon: body.horizon,
    title: body.title,
    successCriterion: body.successCriterion,
    targetDate: body.targetDate ?? null,
    status: body.status,
    gas: body.gas ?? null,
    legalRequirement: body.legalRequirement || null,
    sortOrder: await nextGoalSortOrder(ctx.tx, ctx.municipalityId, w.plan.id),
    createdAt: w.today,
    createdInDraft: w.next,
    ...stamp,
  });
  return finish(ctx, familyId, w, {
    action: 'plan.goal_create',
    personIds: goalPersonIds(personId, w.members),
    details: { goalId: goal.id, domain: goal.domain, horizon: goal.horizon, legalRequirement: goal.legalRequirement },
  });
}

/** Changes a goal of the draft; only the fields given change. */
export async function changeGoal(ctx: Ctx, familyId: string, goalId: string, body: z.infer<typeof GoalPatchBody>): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, body.draftVersion);
  const goal = await requireGoal(ctx, w, goalId);
  const problems: FieldProblem[] = [];
  if (body.personId !== undefined && body.personId !== goal.personId) checkMember(w, body.personId, 'personId', problems);
  // A goal may keep a domain the municipality later took out of use; a new choice must be one in use.
  if (body.domain !== undefined && body.domain !== goal.domain) checkDomain(w, body.domain, problems);
  if (body.targetDate !== undefined) checkDate(w, body.targetDate, 'targetDate', problems);
  refuse(problems);
  const patch = {
    personId: body.personId,
    domain: body.domain,
    horizon: body.horizon,
    title: body.title,
    successCriterion: body.successCriterion,
    targetDate: body.targetDate,
    status: body.status,
    gas: body.gas,
    legalRequirement: body.legalRequirement === undefined ? undefined : body.legalRequirement || null,
  };
  const fields = changedFields(goal, patch);
  const after = await updateGoal(ctx.tx, ctx.municipalityId, goal.id, { ...patch, ...changeStamp(ctx, w) });
  return finish(ctx, familyId, w, {
    action: 'plan.goal_update',
    personIds: [...new Set([...goalPersonIds(goal.personId, w.members), ...goalPersonIds(after.personId, w.members)])],
    details: { goalId: goal.id, fields },
  });
}

/** Takes a goal out of the draft. The row stays (published versions and ratings refer to it). */
export async function removeGoal(ctx: Ctx, familyId: string, goalId: string, draftVersion: number): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, draftVersion);
  const goal = await requireGoal(ctx, w, goalId);
  await updateGoal(ctx.tx, ctx.municipalityId, goal.id, { removedAt: ctx.now, ...changeStamp(ctx, w) });
  return finish(ctx, familyId, w, { action: 'plan.goal_remove', personIds: goalPersonIds(goal.personId, w.members), details: { goalId: goal.id } });
}

/** Adds an action under a goal: what, who is responsible, by when. */
export async function addAction(ctx: Ctx, familyId: string, goalId: string, body: z.infer<typeof ActionBody>): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, body.draftVersion);
  const goal = await requireGoal(ctx, w, goalId);
  const problems: FieldProblem[] = [];
  await checkResponsible(ctx, w, body.responsible, problems);
  checkDate(w, body.due, 'due', problems);
  refuse(problems);
  const action = await insertAction(ctx.tx, {
    municipalityId: ctx.municipalityId,
    goalId: goal.id,
    what: body.what,
    responsible: body.responsible,
    due: body.due ?? null,
    sortOrder: await nextActionSortOrder(ctx.tx, ctx.municipalityId, goal.id),
    createdInDraft: w.next,
    ...changeStamp(ctx, w),
  });
  return finish(ctx, familyId, w, {
    action: 'plan.action_create',
    personIds: actionPersonIds(goal, [body.responsible], w),
    details: { goalId: goal.id, actionId: action.id, responsible: body.responsible.kind },
  });
}

async function requireAction(ctx: Ctx, w: DraftWrite, actionId: string) {
  const found = UUID.test(actionId) ? await findAction(ctx.tx, ctx.municipalityId, w.plan.id, actionId) : undefined;
  if (!found || !coversDomain(w, found.goal.domain)) throw new AppError('action_not_found');
  return found;
}

/** Changes an action; `doneAt` marks it done. */
export async function changeAction(ctx: Ctx, familyId: string, actionId: string, body: z.infer<typeof ActionPatchBody>): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, body.draftVersion);
  const { action, goal } = await requireAction(ctx, w, actionId);
  const problems: FieldProblem[] = [];
  if (body.responsible !== undefined) await checkResponsible(ctx, w, body.responsible, problems);
  if (body.due !== undefined) checkDate(w, body.due, 'due', problems);
  if (body.doneAt && body.doneAt > w.today) problems.push({ path: 'doneAt', message: 'date_in_future' });
  refuse(problems);
  const patch = { what: body.what, responsible: body.responsible, due: body.due, doneAt: body.doneAt };
  const fields = changedFields(action, patch);
  await updateAction(ctx.tx, ctx.municipalityId, action.id, { ...patch, ...changeStamp(ctx, w) });
  return finish(ctx, familyId, w, {
    action: 'plan.action_update',
    personIds: actionPersonIds(goal, [action.responsible, ...(body.responsible ? [body.responsible] : [])], w),
    details: { goalId: goal.id, actionId: action.id, fields },
  });
}

export async function removeAction(ctx: Ctx, familyId: string, actionId: string, draftVersion: number): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, draftVersion);
  const { action, goal } = await requireAction(ctx, w, actionId);
  await updateAction(ctx.tx, ctx.municipalityId, action.id, { removedAt: ctx.now, ...changeStamp(ctx, w) });
  return finish(ctx, familyId, w, {
    action: 'plan.action_remove',
    personIds: actionPersonIds(goal, [action.responsible], w),
    details: { goalId: goal.id, actionId: action.id },
  });
}

/** Sets the family's baseline in one life domain: 0–10 and a short text. */
export async function setBaseline(ctx: Ctx, familyId: string, body: z.infer<typeof BaselineBody>): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, body.draftVersion);
  const problems: FieldProblem[] = [];
  checkDomain(w, body.domain, problems);
  refuse(problems);
  await upsertBaseline(ctx.tx, {
    municipalityId: ctx.municipalityId,
    planId: w.plan.id,
    domain: body.domain,
    score: body.score,
    text: body.text,
    ...changeStamp(ctx, w),
  });
  return finish(ctx, familyId, w, { action: 'plan.baseline_set', personIds: memberIds(w.members), details: { domain: body.domain, score: body.score } });
}

/** Links or unlinks one of the family's interventions to a goal it serves. */
async function setLink(
  ctx: Ctx,
  familyId: string,
  goalId: string,
  interventionId: string,
  draftVersion: number,
  linked: boolean,
): Promise<PlanDto> {
  const w = await openDraft(ctx, familyId, draftVersion);
  const goal = await requireGoal(ctx, w, goalId);
  const candidate = UUID.test(interventionId) ? await findFamilyIntervention(ctx.tx, ctx.municipalityId, familyId, interventionId) : undefined;
  // One the consent does not let the viewer see answers as one that does not exist (decision 0017).
  const found = candidate && seesIntervention(w.kinds, ctx.actor?.departmentId ?? null, candidate) ? candidate : undefined;
  if (!found) throw new AppError('intervention_not_found');
  const changed = linked
    ? await linkIntervention(ctx.tx, ctx.municipalityId, goal.id, found.id)
    : await unlinkIntervention(ctx.tx, ctx.municipalityId, goal.id, found.id);
  await updateGoal(ctx.tx, ctx.municipalityId, goal.id, changeStamp(ctx, w));
  const personIds = new Set([...goalPersonIds(goal.personId, w.members), ...goalPersonIds(found.personId, w.members)]);
  return finish(ctx, familyId, w, {
    action: linked ? 'plan.intervention_link' : 'plan.intervention_unlink',
    personIds: [...personIds],
    details: { goalId: goal.id, interventionId: found.id, changed },
  });
}

export async function linkGoalIntervention(ctx: Ctx, familyId: string, goalId: string, interventionId: string, body: z.infer<typeof DraftVersionBody>): Promise<PlanDto> {
  return setLink(ctx, familyId, goalId, interventionId, body.draftVersion, true);
}

export async function unlinkGoalIntervention(ctx: Ctx, familyId: string, goalId: string, interventionId: string, draftVersion: number): Promise<PlanDto> {
  return setLink(ctx, familyId, goalId, interventionId, draftVersion, false);
}
