import { and, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../shared/dates.js';
import type { RaisedTitleKind, TaskOrigin, TaskStatus } from '../../../shared/tasks.js';
import type { Tx } from '../../db/client.js';
import { reviewableAccessesSql } from '../families/break-glass.service.js';
import { MEMBER_ORDER_FM_P } from '../families/persons.repository.js';
import { task } from './tasks.table.js';

export type TaskRow = typeof task.$inferSelect;
export type NewTask = typeof task.$inferInsert;

/** A task with what a list shows next to it: the assignee's name and the family's names and members. */
export interface TaskView {
  id: string;
  title: string;
  /** What a raised task's title says (null for a person's words). */
  titleKind: RaisedTitleKind | null;
  titleSubject: string | null;
  description: string;
  due: IsoDate;
  status: TaskStatus;
  origin: TaskOrigin;
  assigneeUserId: string;
  assigneeName: string;
  familyId: string | null;
  goalId: string | null;
  /** The life domain of the task's goal, to narrow it by consent (decision 0017); null without a goal. */
  goalDomain: string | null;
  meetingId: string | null;
  /** The family's surnames in the members' order; empty without a family. */
  familyNames: string[];
  /** The family's members (for the audit trail). */
  memberPersonIds: string[];
  createdAt: Date;
  completedAt: Date | null;
}

interface TaskViewRow {
  id: string;
  title: string;
  title_kind: RaisedTitleKind | null;
  title_subject: string | null;
  description: string;
  due: string;
  status: TaskStatus;
  origin: TaskOrigin;
  assignee_user_id: string;
  assignee_name: string;
  family_id: string | null;
  goal_id: string | null;
  goal_domain: string | null;
  meeting_id: string | null;
  family_names: string[] | null;
  member_person_ids: string[] | null;
  created_at: Date | string;
  completed_at: Date | string | null;
  [key: string]: unknown;
}

function toView(r: TaskViewRow): TaskView {
  return {
    id: r.id,
    title: r.title,
    titleKind: r.title_kind,
    titleSubject: r.title_subject,
    description: r.description,
    due: r.due,
    status: r.status,
    origin: r.origin,
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    familyId: r.family_id,
    goalId: r.goal_id,
    goalDomain: r.goal_domain,
    meetingId: r.meeting_id,
    familyNames: r.family_names ?? [],
    memberPersonIds: r.member_person_ids ?? [],
    createdAt: new Date(r.created_at),
    completedAt: r.completed_at === null ? null : new Date(r.completed_at),
  };
}

export type TaskFilter =
  | { assigneeUserId: string; status: TaskStatus }
  | { familyId: string; status: 'open' }
  | { id: string };

/**
 * Tasks with names, by assignee (the index on assignee, status, due), by family, or one by id. Open tasks come
 * overdue first, then by due date; closed ones latest closed first.
 */
export async function listTaskViews(tx: Tx, municipalityId: string, filter: TaskFilter, today: IsoDate, limit: number): Promise<TaskView[]> {
  const where =
    'id' in filter
      ? sql`t.id = ${filter.id}`
      : 'assigneeUserId' in filter
        ? sql`t.assignee_user_id = ${filter.assigneeUserId} and t.status = ${filter.status}`
        : sql`t.family_id = ${filter.familyId} and t.status = ${filter.status}`;
  const open = 'id' in filter || filter.status === 'open';
  const order = open ? sql`(t.due < ${today}::date) desc, t.due, t.created_at, t.id` : sql`t.completed_at desc nulls last, t.id`;
  const res = await tx.execute<TaskViewRow>(sql`
    select t.id, t.title, t.title_kind, t.title_subject, t.description, t.due::text as due, t.status, t.origin, t.assignee_user_id, u.name as assignee_name,
           t.family_id, t.goal_id, t.meeting_id, t.created_at, t.completed_at,
           (select g.domain from plan_goal g where g.municipality_id = t.municipality_id and g.id = t.goal_id) as goal_domain,
           (select array_agg(p.family_name order by ${MEMBER_ORDER_FM_P}) from family_member fm
              join person p on p.municipality_id = fm.municipality_id and p.id = fm.person_id
             where fm.municipality_id = t.municipality_id and fm.family_id = t.family_id) as family_names,
           (select array_agg(fm.person_id) from family_member fm
             where fm.municipality_id = t.municipality_id and fm.family_id = t.family_id) as member_person_ids
    from task t
    join staff_user u on u.municipality_id = t.municipality_id and u.id = t.assignee_user_id
    where t.municipality_id = ${municipalityId} and ${where}
    order by ${order}
    limit ${limit}`);
  return res.rows.map(toView);
}

export async function insertTask(tx: Tx, values: NewTask): Promise<TaskRow> {
  const [row] = await tx.insert(task).values(values).returning();
  return row!;
}

/** The task, locked for the rest of the transaction (a change reads and writes it). */
export async function findTaskForUpdate(tx: Tx, municipalityId: string, id: string): Promise<TaskRow | undefined> {
  const [row] = await tx
    .select()
    .from(task)
    .where(and(eq(task.municipalityId, municipalityId), eq(task.id, id)))
    .for('update')
    .limit(1);
  return row;
}

export async function updateTask(
  tx: Tx,
  municipalityId: string,
  id: string,
  values: Partial<Pick<TaskRow, 'status' | 'due' | 'title' | 'titleKind' | 'titleSubject' | 'description' | 'assigneeUserId' | 'completedAt'>>,
): Promise<TaskRow> {
  const [row] = await tx
    .update(task)
    .set(values)
    .where(and(eq(task.municipalityId, municipalityId), eq(task.id, id)))
    .returning();
  return row!;
}

/**
 * Rows per insert of raised tasks: a statement carries at most 65,535 parameters (the wire protocol's limit), and a
 * raised task has 11, so a municipality with thousands of goals due at once is written in several statements.
 */
export const RAISED_TASKS_PER_INSERT = 2_000;

/**
 * Writes the tasks the deadline job raised; a task whose dedupe key already exists is left as it is. Returns
 * the origins of the tasks actually written.
 */
export async function insertRaisedTasks(tx: Tx, rows: NewTask[]): Promise<TaskOrigin[]> {
  const origins: TaskOrigin[] = [];
  for (let i = 0; i < rows.length; i += RAISED_TASKS_PER_INSERT) {
    const written = await tx
      .insert(task)
      .values(rows.slice(i, i + RAISED_TASKS_PER_INSERT))
      .onConflictDoNothing({ target: [task.municipalityId, task.dedupeKey] })
      .returning({ origin: task.origin });
    for (const w of written) origins.push(w.origin);
  }
  return origins;
}

/** The header's counts of the user's open tasks: overdue, and due from today to `weekEnd`. */
/** Deadlines the job raises for the family's coordinator; they follow the family to its next coordinator. */
export const COORDINATOR_DEADLINE_ORIGINS: readonly TaskOrigin[] = ['plan_review', 'goal_rating', 'consent_expiry'];

/** Moves the family's open coordinator deadlines from the old coordinator to the new one; returns how many moved. */
export async function handOverCoordinatorTasks(tx: Tx, municipalityId: string, familyId: string, fromUserId: string, toUserId: string): Promise<number> {
  const moved = await tx
    .update(task)
    .set({ assigneeUserId: toUserId })
    .where(
      and(
        eq(task.municipalityId, municipalityId),
        eq(task.familyId, familyId),
        eq(task.assigneeUserId, fromUserId),
        eq(task.status, 'open'),
        inArray(task.origin, [...COORDINATOR_DEADLINE_ORIGINS]),
      ),
    )
    .returning({ id: task.id });
  return moved.length;
}

export async function countOpenTasks(tx: Tx, municipalityId: string, userId: string, today: IsoDate, weekEnd: IsoDate) {
  const res = await tx.execute<{ overdue: number; this_week: number; [key: string]: unknown }>(sql`
    select count(*) filter (where due < ${today}::date)::int as overdue,
           count(*) filter (where due >= ${today}::date and due <= ${weekEnd}::date)::int as this_week
    from task
    where municipality_id = ${municipalityId} and assignee_user_id = ${userId} and status = 'open'`);
  const r = res.rows[0]!;
  return { overdue: Number(r.overdue), thisWeek: Number(r.this_week) };
}

/**
 * Break-the-glass accesses nobody has reviewed, of those the manager reviews (reviewableAccessesSql).
 */
export async function countUnreviewedBreakGlass(tx: Tx, municipalityId: string, departmentId: string | null): Promise<number> {
  const res = await tx.execute<{ n: number; [key: string]: unknown }>(
    sql`select count(*)::int as n from (${reviewableAccessesSql(municipalityId, departmentId)}) r where r.reviewed_at is null`,
  );
  return Number(res.rows[0]!.n);
}

/** Referrals waiting in the visitation queue. */
export async function countOpenReferrals(tx: Tx, municipalityId: string): Promise<number> {
  const res = await tx.execute<{ n: number; [key: string]: unknown }>(sql`
    select count(*)::int as n from referral where municipality_id = ${municipalityId} and status = 'open'`);
  return Number(res.rows[0]!.n);
}
