import type { z } from 'zod';
import { todayInDenmark } from '../../../shared/dates.js';
import { coversDomain } from '../../../shared/consent-kinds.js';
import type { DecisionBody, MeetingDto, MinutesBody } from '../../../shared/meetings.js';
import type { Responsible } from '../../../shared/plans.js';
import { CASE_DATA_ROLES, hasAnyRole } from '../../../shared/roles.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Actor, Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { findDepartment } from '../admin/departments.repository.js';
import { findUser } from '../admin/users.repository.js';
import { loadFamilyFacts } from '../families/families.access.js';
import { familyRelation } from '../families/families.policy.js';
import { touchFamily } from '../families/families.service.js';
import { findFamilyGoal, insertDecisionTask, insertDraftAction } from './decisions.repository.js';
import { requireMeeting } from './meetings.access.js';
import { activeUserIds, insertDecision, participantsOf, setAttendance, updateMeeting } from './meetings.repository.js';
import { familyPersonIds, loadMeetingDto } from './meetings.service.js';

/** The longest task title; a longer decision keeps its full text in the task's description. */
const TASK_TITLE_MAX = 300;

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

/**
 * Records the minutes and who attended (listed participants came, the rest did not); the meeting is then held.
 * Minutes can be corrected later the same way.
 */
export async function recordMinutes(ctx: Ctx, meetingId: string, body: z.infer<typeof MinutesBody>): Promise<MeetingDto> {
  const { meeting: existing, relation, kinds } = await requireMeeting(ctx, meetingId, 'register_intervention', { lock: true });
  if (existing.status === 'cancelled') throw new AppError('meeting_cancelled');
  if (existing.startsAt > ctx.now) throw new AppError('meeting_not_started');
  const participantIds = new Set((await participantsOf(ctx.tx, ctx.municipalityId, existing.id)).map((p) => p.id));
  const problems: FieldProblem[] = [];
  body.attended.forEach((id, i) => {
    if (!participantIds.has(id)) problems.push({ path: `attended.${i}`, message: 'not_a_participant' });
  });
  refuse(problems);
  await setAttendance(ctx.tx, ctx.municipalityId, existing.id, [...new Set(body.attended)]);
  const row = (await updateMeeting(ctx.tx, ctx.municipalityId, existing.id, null, { minutes: body.minutes, status: 'held', updatedAt: ctx.now }))!;
  await touchFamily(ctx, existing.familyId);
  await audit(ctx, {
    action: 'meeting.minutes',
    targetType: 'meeting',
    targetId: existing.id,
    personIds: await familyPersonIds(ctx, existing.familyId),
    details: { familyId: existing.familyId, attended: body.attended.length, of: participantIds.size, corrected: existing.status === 'held' },
  });
  return loadMeetingDto(ctx, row, relation, kinds);
}

/**
 * A task from a decision goes to someone who works with the family for good — its coordinator, a team member
 * covered by the consent, or the supervising manager — as every family task does (tasks module).
 */
async function checkAssignee(ctx: Ctx, familyId: string, userId: string, problems: FieldProblem[]): Promise<void> {
  const user = await findUser(ctx.tx, ctx.municipalityId, userId);
  if (!user || !user.active || !hasAnyRole(user.roles, CASE_DATA_ROLES)) {
    problems.push({ path: 'assigneeUserId', message: 'unknown_user' });
    return;
  }
  const assignee: Actor = { userId: user.id, name: user.name, roles: user.roles, departmentId: user.departmentId };
  const loaded = await loadFamilyFacts({ ...ctx, actor: assignee }, familyId);
  const relation = loaded ? familyRelation(assignee, loaded.facts) : null;
  if (relation !== 'coordinator' && relation !== 'team' && relation !== 'manager') {
    problems.push({ path: 'assigneeUserId', message: 'assignee_without_access' });
  }
}

/** Who is responsible for an action must be a member of the family, an active staff user or an active department. */
async function checkResponsible(ctx: Ctx, familyId: string, r: Responsible, problems: FieldProblem[]): Promise<void> {
  if (r.kind === 'person') {
    if (!(await familyPersonIds(ctx, familyId)).includes(r.personId)) problems.push({ path: 'responsible.personId', message: 'unknown_person' });
  } else if (r.kind === 'staff') {
    if (!(await activeUserIds(ctx.tx, ctx.municipalityId, [r.userId])).has(r.userId)) problems.push({ path: 'responsible.userId', message: 'unknown_user' });
  } else {
    const d = await findDepartment(ctx.tx, ctx.municipalityId, r.departmentId);
    if (!d || !d.active) problems.push({ path: 'responsible.departmentId', message: 'unknown_department' });
  }
}

/**
 * Records a decision of the meeting and makes it real: a task for a staff user (origin meeting_decision), or
 * an action under a goal of the plan's draft (whose version is bumped, so a concurrent plan editor sees it).
 */
export async function recordDecision(ctx: Ctx, meetingId: string, body: DecisionBody): Promise<MeetingDto> {
  const { meeting: existing, relation, kinds } = await requireMeeting(ctx, meetingId, 'register_intervention', { lock: true });
  if (existing.status === 'cancelled') throw new AppError('meeting_cancelled');
  if (existing.startsAt > ctx.now) throw new AppError('meeting_not_started_decisions');
  const familyId = existing.familyId;
  const problems: FieldProblem[] = [];
  let taskId: string | null = null;
  let actionId: string | null = null;
  // What a meeting decides is due on its day or later (a decision cannot be late before it was made).
  const meetingDay = todayInDenmark(existing.startsAt);
  if (body.becomes === 'task') {
    await checkAssignee(ctx, familyId, body.assigneeUserId, problems);
    if (body.due < meetingDay) problems.push({ path: 'due', message: 'due_before_meeting' });
    refuse(problems);
    const title = body.text.length > TASK_TITLE_MAX ? `${body.text.slice(0, TASK_TITLE_MAX - 1)}…` : body.text;
    taskId = await insertDecisionTask(ctx.tx, {
      municipalityId: ctx.municipalityId,
      assigneeUserId: body.assigneeUserId,
      title,
      description: body.text,
      due: body.due,
      familyId,
      meetingId: existing.id,
      createdBy: actorOf(ctx).userId,
      createdAt: ctx.now,
    });
  } else {
    // A goal of a life domain the actor's consent does not cover answers as one not in the plan (decision 0017).
    const found = await findFamilyGoal(ctx.tx, ctx.municipalityId, familyId, body.goalId);
    const goal = found && coversDomain(kinds, found.domain) ? found : undefined;
    if (!goal) problems.push({ path: 'goalId', message: 'unknown_goal' });
    await checkResponsible(ctx, familyId, body.responsible, problems);
    if (goal && body.due && body.due < goal.planStartDate) problems.push({ path: 'due', message: 'date_before_plan_start' });
    else if (body.due && body.due < meetingDay) problems.push({ path: 'due', message: 'due_before_meeting' });
    refuse(problems);
    actionId = await insertDraftAction(
      ctx.tx,
      ctx.municipalityId,
      goal!.planId,
      { goalId: goal!.id, what: body.text, responsible: body.responsible, due: body.due ?? null, byUserId: actorOf(ctx).userId },
      ctx.now,
    );
  }
  const decision = await insertDecision(ctx.tx, {
    municipalityId: ctx.municipalityId,
    meetingId: existing.id,
    text: body.text,
    taskId,
    actionId,
    due: body.due ?? null,
    createdAt: ctx.now,
  });
  await touchFamily(ctx, familyId);
  await audit(ctx, {
    action: 'meeting.decision',
    targetType: 'meeting',
    targetId: existing.id,
    personIds: await familyPersonIds(ctx, familyId),
    details: {
      familyId,
      decisionId: decision.id,
      becomes: body.becomes,
      ...(body.becomes === 'task' ? { taskId, assigneeUserId: body.assigneeUserId } : { actionId, goalId: body.goalId, responsible: body.responsible }),
      due: body.due ?? null,
    },
  });
  return loadMeetingDto(ctx, existing, relation, kinds);
}
