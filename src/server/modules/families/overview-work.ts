import { and, asc, eq, sql } from 'drizzle-orm';
import type { FamilyRelation } from '../../../shared/families.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { staffUser } from '../admin/users.table.js';
import { searchNotes } from '../journal/journal.repository.js';
import { nextPlannedMeeting } from '../plans/plans.repository.js';
import { plan, planGoal, planVersion } from '../plans/plans.table.js';
import { task } from '../tasks/tasks.table.js';

interface GoalWithRating {
  id: string;
  person_id: string | null;
  domain: string;
  horizon: string;
  title: string;
  status: string;
  target_date: string | null;
  rating_value: number | null;
  rating_date: string | null;
  rating_by: string | null;
  [key: string]: unknown;
}

/**
 * What the family overview shows of the daily work: the plan in force (goals with their latest rating), the
 * next meeting, open tasks and the latest notes the viewer may see. Read only; the overview audits.
 */
export async function familyWork(ctx: Ctx, familyId: string, relation: FamilyRelation) {
  const m = ctx.municipalityId;
  const actor = actorOf(ctx);
  const [planRow] = await ctx.tx
    .select({ id: plan.id, currentVersionId: plan.currentVersionId, number: planVersion.number, publishedAt: planVersion.publishedAt, nextReviewDate: planVersion.nextReviewDate })
    .from(plan)
    .leftJoin(planVersion, and(eq(planVersion.municipalityId, plan.municipalityId), eq(planVersion.id, plan.currentVersionId)))
    .where(and(eq(plan.municipalityId, m), eq(plan.familyId, familyId)))
    .limit(1);
  const goals = planRow
    ? (
        await ctx.tx.execute<GoalWithRating>(sql`
          select g.id, g.person_id, g.domain, g.horizon, g.title, g.status, g.target_date::text,
                 r.value as rating_value, r.date::text as rating_date, r.respondent as rating_by
          from ${planGoal} g
          left join lateral (select value, date, respondent from goal_rating gr
                             where gr.municipality_id = g.municipality_id and gr.goal_id = g.id
                             order by gr.date desc, gr.created_at desc limit 1) r on true
          where g.municipality_id = ${m} and g.plan_id = ${planRow.id} and g.removed_at is null
          order by g.sort_order, g.created_at`)
      ).rows
    : [];
  const meeting = await nextPlannedMeeting(ctx.tx, m, familyId, ctx.now);
  const tasks = await ctx.tx
    .select({ id: task.id, title: task.title, due: task.due, origin: task.origin, assigneeName: staffUser.name })
    .from(task)
    .innerJoin(staffUser, and(eq(staffUser.municipalityId, task.municipalityId), eq(staffUser.id, task.assigneeUserId)))
    .where(and(eq(task.municipalityId, m), eq(task.familyId, familyId), eq(task.status, 'open')))
    .orderBy(asc(task.due))
    .limit(10);
  const notes = await searchNotes(ctx.tx, m, { familyId, viewer: { userId: actor.userId, departmentId: actor.departmentId, relation } }, 5);
  return {
    plan: planRow
      ? {
          currentVersion: planRow.currentVersionId
            ? { number: planRow.number!, publishedAt: planRow.publishedAt!.toISOString(), nextReviewDate: planRow.nextReviewDate! }
            : null,
          goals: goals.map((g) => ({
            id: g.id,
            personId: g.person_id,
            domain: g.domain,
            horizon: g.horizon,
            title: g.title,
            status: g.status,
            targetDate: g.target_date,
            latestRating: g.rating_value === null ? null : { value: Number(g.rating_value), date: g.rating_date!, by: g.rating_by! },
          })),
        }
      : null,
    nextMeeting: meeting ? { title: meeting.title, startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString(), place: meeting.place, onlineUrl: meeting.onlineUrl } : null,
    openTasks: tasks.map((t) => ({ id: t.id, title: t.title, due: t.due, origin: t.origin, assigneeName: t.assigneeName })),
    latestNotes: notes.map((n) => ({
      id: n.id,
      type: n.type,
      occurredAt: n.occurredAt.toISOString(),
      authorName: n.authorName,
      restricted: n.restricted,
      personIds: n.personIds,
      excerpt: n.text.length > 200 ? `${n.text.slice(0, 200)}…` : n.text,
    })),
  };
}
