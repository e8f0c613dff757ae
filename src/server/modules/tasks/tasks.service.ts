import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { todayInDenmark } from '../../../shared/dates.js';
import type { CreateTaskBody, TaskDto, TaskListDto, TaskStatus, UpdateTaskBody } from '../../../shared/tasks.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Actor, Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { findUser } from '../admin/users.repository.js';
import { coversDomain } from '../../../shared/consent-kinds.js';
import type { ConsentKind, FamilyRelation } from '../../../shared/families.js';
import { visibleKinds } from '../families/consent-kinds.policy.js';
import { loadFamilyFacts, requireFamily } from '../families/families.access.js';
import { familyRelation, may } from '../families/families.policy.js';
import { membersOf } from '../families/persons.repository.js';
import { meeting } from '../meetings/meetings.table.js';
import { planGoal } from '../plans/plans.table.js';
import { hasTasks, mayBeAssigned, mayChangeTask, TASK_ROLES } from './tasks.policy.js';
import { presentTask } from './tasks.presenter.js';
import { findTaskForUpdate, insertTask, listTaskViews, updateTask, type TaskRow, type TaskView } from './tasks.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most tasks one list answers with. */
export const TASK_LIST_LIMIT = 500;

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

/** Whether the task is about a goal the viewer's consent does not cover (decision 0017). */
function goalHiddenFrom(t: Pick<TaskView, 'goalDomain'>, kinds: readonly ConsentKind[]): boolean {
  return t.goalDomain !== null && !coversDomain(kinds, t.goalDomain);
}

/** The actor's relation to a family, from the same facts the family access check reads. */
async function relationTo(ctx: Ctx, actor: Actor, familyId: string) {
  return (await accessTo(ctx, actor, familyId)).relation;
}

/** The actor's relation to a family and the kinds of its information they see (decision 0017); none without a relation. */
async function accessTo(ctx: Ctx, actor: Actor, familyId: string): Promise<{ relation: FamilyRelation | null; kinds: ConsentKind[] }> {
  const loaded = await loadFamilyFacts({ ...ctx, actor }, familyId);
  if (!loaded) return { relation: null, kinds: [] };
  return { relation: familyRelation(actor, loaded.facts), kinds: visibleKinds(actor, loaded.facts, loaded.consentsInForce) };
}

/**
 * The assignee must be an active staff user with a case role, and for a family task someone who works with
 * the family; otherwise a problem at `assigneeUserId`.
 */
async function checkAssignee(ctx: Ctx, userId: string, familyId: string | null, problems: FieldProblem[]): Promise<void> {
  const user = await findUser(ctx.tx, ctx.municipalityId, userId);
  if (!user || !user.active || !hasTasks(user.roles)) {
    problems.push({ path: 'assigneeUserId', message: 'unknown_user' });
    return;
  }
  if (familyId === null) return;
  const assignee: Actor = { userId: user.id, name: user.name, roles: user.roles, departmentId: user.departmentId };
  if (!mayBeAssigned(await relationTo(ctx, assignee, familyId))) problems.push({ path: 'assigneeUserId', message: 'assignee_without_access' });
}

/** A task's goal must be a goal of the family's plan the actor may see: one their consent does not cover answers as one not in it (0017). */
async function checkGoal(ctx: Ctx, familyId: string, goalId: string, kinds: readonly ConsentKind[], problems: FieldProblem[]): Promise<void> {
  const [g] = await ctx.tx
    .select({ domain: planGoal.domain })
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, ctx.municipalityId), eq(planGoal.id, goalId), eq(planGoal.familyId, familyId), isNull(planGoal.removedAt)))
    .limit(1);
  if (!g || !coversDomain(kinds, g.domain)) problems.push({ path: 'goalId', message: 'unknown_goal' });
}

async function checkMeeting(ctx: Ctx, familyId: string, meetingId: string, problems: FieldProblem[]): Promise<void> {
  const [m] = await ctx.tx
    .select({ id: meeting.id })
    .from(meeting)
    .where(and(eq(meeting.municipalityId, ctx.municipalityId), eq(meeting.id, meetingId), eq(meeting.familyId, familyId)))
    .limit(1);
  if (!m) problems.push({ path: 'meetingId', message: 'unknown_meeting' });
}

/** What a task records, for the audit trail: the free text only as whether there is one. */
function auditView(t: TaskRow) {
  return {
    assigneeUserId: t.assigneeUserId,
    due: t.due,
    status: t.status,
    origin: t.origin,
    familyId: t.familyId,
    goalId: t.goalId,
    meetingId: t.meetingId,
    hasDescription: t.description !== '',
  };
}

async function viewOf(ctx: Ctx, id: string): Promise<TaskView> {
  const [view] = await listTaskViews(ctx.tx, ctx.municipalityId, { id }, todayInDenmark(ctx.now), 1);
  return view!;
}

/**
 * POST /tasks: a task for a colleague or oneself, optionally for a family (and one of its goals or meetings).
 * Linking a family takes the right to contribute to it; a family one may not contribute to answers 404.
 */
export async function createTask(ctx: Ctx, body: z.infer<typeof CreateTaskBody>): Promise<TaskDto> {
  await requireRole(ctx, TASK_ROLES, 'task.create');
  const actor = actorOf(ctx);
  const familyId = body.familyId ?? null;
  const kinds = familyId ? (await requireFamily(ctx, familyId, 'register_intervention')).kinds : [];
  const problems: FieldProblem[] = [];
  await checkAssignee(ctx, body.assigneeUserId, familyId, problems);
  if (familyId && body.goalId) await checkGoal(ctx, familyId, body.goalId, kinds, problems);
  if (familyId && body.meetingId) await checkMeeting(ctx, familyId, body.meetingId, problems);
  refuse(problems);
  const row = await insertTask(ctx.tx, {
    municipalityId: ctx.municipalityId,
    assigneeUserId: body.assigneeUserId,
    title: body.title,
    description: body.description,
    due: body.due,
    familyId,
    goalId: body.goalId ?? null,
    meetingId: body.meetingId ?? null,
    origin: 'manual',
    createdBy: actor.userId,
    createdAt: ctx.now,
  });
  const view = await viewOf(ctx, row.id);
  await audit(ctx, {
    action: 'task.create',
    targetType: 'task',
    targetId: row.id,
    personIds: view.memberPersonIds,
    // familyId: the overview's recent activity lists the family's tasks (audit_event.family_ref).
    details: { ...(row.familyId ? { familyId: row.familyId } : {}), after: auditView(row) },
  });
  return presentTask(view, todayInDenmark(ctx.now), { familyVisible: true, canUpdate: true });
}

/** Refuses, as if the task did not exist, and records the attempt. */
async function taskNotFound(ctx: Ctx, id: string, exists: boolean): Promise<never> {
  await audit(ctx, { action: 'access.denied', targetType: 'task', targetId: id, outcome: 'denied', details: { attempted: 'task.update', exists } });
  throw new AppError('task_not_found').keepingWrites();
}

/** PATCH /tasks/:id: the assignee or the family's coordinator closes, reopens, moves, retitles or hands on a task. */
export async function changeTask(ctx: Ctx, id: string, body: z.infer<typeof UpdateTaskBody>): Promise<TaskDto> {
  const actor = actorOf(ctx);
  const row = UUID.test(id) ? await findTaskForUpdate(ctx.tx, ctx.municipalityId, id) : undefined;
  if (!row) return taskNotFound(ctx, id, false);
  const { relation, kinds } = row.familyId ? await accessTo(ctx, actor, row.familyId) : { relation: null, kinds: [] };
  if (!mayChangeTask(actor.userId, row, relation)) return taskNotFound(ctx, id, true);

  const problems: FieldProblem[] = [];
  if (body.assigneeUserId !== undefined && body.assigneeUserId !== row.assigneeUserId) {
    await checkAssignee(ctx, body.assigneeUserId, row.familyId, problems);
  }
  refuse(problems);
  const status: TaskStatus = body.status ?? row.status;
  const completedAt = status === 'open' ? null : status === row.status ? row.completedAt : ctx.now;
  const updated = await updateTask(ctx.tx, ctx.municipalityId, id, {
    status,
    completedAt,
    due: body.due,
    title: body.title,
    // Retitled: the words are now a person's, shown as written.
    ...(body.title !== undefined && body.title !== row.title ? { titleKind: null, titleSubject: null } : {}),
    description: body.description,
    assigneeUserId: body.assigneeUserId,
  });
  const view = await viewOf(ctx, id);
  await audit(ctx, {
    action: 'task.update',
    targetType: 'task',
    targetId: id,
    personIds: view.memberPersonIds,
    details: {
      ...(row.familyId ? { familyId: row.familyId } : {}),
      before: auditView(row),
      after: auditView(updated),
      ...(body.title !== undefined && body.title !== row.title ? { titleChanged: true } : {}),
    },
  });
  return presentTask(view, todayInDenmark(ctx.now), {
    familyVisible: may(relation, 'read'),
    canUpdate: mayChangeTask(actor.userId, updated, relation),
    goalHidden: goalHiddenFrom(view, kinds),
  });
}

/**
 * "Mine opgaver": the actor's open tasks, overdue first, then by due date (or the closed ones, latest first).
 * A family the actor may no longer see (team membership ended, consent withdrawn) is shown without its name.
 * One's own task is always listed; when it is about a goal the actor may not see (decision 0017), without the
 * goal (presentTask). Audited naming the members of the families shown.
 */
export async function listMyTasks(ctx: Ctx, status: TaskStatus): Promise<TaskListDto> {
  await requireRole(ctx, TASK_ROLES, 'task.read');
  const actor = actorOf(ctx);
  const today = todayInDenmark(ctx.now);
  const rows = await listTaskViews(ctx.tx, ctx.municipalityId, { assigneeUserId: actor.userId, status }, today, TASK_LIST_LIMIT + 1);
  const truncated = rows.length > TASK_LIST_LIMIT;
  const shown = rows.slice(0, TASK_LIST_LIMIT);
  const access = new Map<string, Awaited<ReturnType<typeof accessTo>>>();
  for (const familyId of new Set(shown.flatMap((t) => (t.familyId ? [t.familyId] : [])))) access.set(familyId, await accessTo(ctx, actor, familyId));
  const tasks = shown.map((t) => {
    const a = t.familyId ? access.get(t.familyId) : undefined;
    return presentTask(t, today, { familyVisible: may(a?.relation ?? null, 'read'), canUpdate: true, goalHidden: goalHiddenFrom(t, a?.kinds ?? []) });
  });
  const named = shown.filter((t) => t.familyId !== null && may(access.get(t.familyId)?.relation ?? null, 'read'));
  await audit(ctx, {
    action: 'task.read',
    targetType: 'task',
    personIds: [...new Set(named.flatMap((t) => t.memberPersonIds))],
    details: { list: 'mine', status, tasks: tasks.length, familyIds: [...new Set(named.map((t) => t.familyId))], truncated },
  });
  return { tasks, truncated, hiddenByConsent: 0 };
}

/**
 * GET /families/:id/tasks: the family's open tasks for its overview, audited naming its members. A task about a
 * goal the viewer may not see (decision 0017) is left out and counted — its title may well name the goal —
 * unless it is the viewer's own: then it is shown without the goal.
 */
export async function listFamilyTasks(ctx: Ctx, familyId: string): Promise<TaskListDto> {
  const { relation, kinds } = await requireFamily(ctx, familyId, 'read');
  const actor = actorOf(ctx);
  const today = todayInDenmark(ctx.now);
  const rows = await listTaskViews(ctx.tx, ctx.municipalityId, { familyId, status: 'open' }, today, TASK_LIST_LIMIT + 1);
  const truncated = rows.length > TASK_LIST_LIMIT;
  const listed = rows.slice(0, TASK_LIST_LIMIT);
  const goalHidden = (t: TaskView) => goalHiddenFrom(t, kinds);
  const shown = listed.filter((t) => !goalHidden(t) || t.assigneeUserId === actor.userId);
  const hiddenByConsent = listed.length - shown.length;
  await audit(ctx, {
    action: 'task.read',
    targetType: 'family',
    targetId: familyId,
    personIds: shown[0]?.memberPersonIds ?? (await membersOf(ctx.tx, ctx.municipalityId, familyId)).map((m) => m.person.id),
    details: { list: 'family', relation, tasks: shown.length, truncated, hiddenByConsent },
  });
  return {
    tasks: shown.map((t) => presentTask(t, today, { familyVisible: true, canUpdate: mayChangeTask(actor.userId, t, relation), goalHidden: goalHidden(t) })),
    truncated,
    hiddenByConsent,
  };
}
