import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Responsible } from '../../../shared/plans.js';
import type { Tx } from '../../db/client.js';
import { plan, planAction, planGoal } from '../plans/plans.table.js';
import { task } from '../tasks/tasks.table.js';

/** A goal of the family's plan (not removed), with its plan's start date. */
export async function findFamilyGoal(tx: Tx, municipalityId: string, familyId: string, goalId: string) {
  const [row] = await tx
    .select({ id: planGoal.id, planId: planGoal.planId, title: planGoal.title, domain: planGoal.domain, planStartDate: plan.startDate })
    .from(planGoal)
    .innerJoin(plan, and(eq(plan.municipalityId, planGoal.municipalityId), eq(plan.id, planGoal.planId)))
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.familyId, familyId), eq(planGoal.id, goalId), isNull(planGoal.removedAt)))
    .limit(1);
  return row;
}

/**
 * Adds an action at the end of a goal's actions in the draft and moves the draft on one version, stamped like
 * the plan editor stamps its own rows (created and changed in the new draft version, by whom), so a plan
 * editor working from the older draft gets a conflict that names this action. The family is locked.
 */
export async function insertDraftAction(
  tx: Tx,
  municipalityId: string,
  planId: string,
  values: { goalId: string; what: string; responsible: Responsible; due: string | null; byUserId: string },
  now: Date,
): Promise<string> {
  const [current] = await tx
    .select({ draftVersion: plan.draftVersion })
    .from(plan)
    .where(and(eq(plan.municipalityId, municipalityId), eq(plan.id, planId)));
  const next = current!.draftVersion + 1;
  const [row] = await tx
    .insert(planAction)
    .values({
      municipalityId,
      goalId: values.goalId,
      what: values.what,
      responsible: values.responsible,
      due: values.due,
      sortOrder: sql`(select coalesce(max(a.sort_order), 0) + 10 from plan_action a where a.municipality_id = ${municipalityId} and a.goal_id = ${values.goalId})`,
      createdInDraft: next,
      changedInDraft: next,
      changedBy: values.byUserId,
    })
    .returning({ id: planAction.id });
  await tx
    .update(plan)
    .set({ draftVersion: next, updatedAt: now })
    .where(and(eq(plan.municipalityId, municipalityId), eq(plan.id, planId)));
  return row!.id;
}

/** A task born of a meeting decision. */
export async function insertDecisionTask(tx: Tx, values: Omit<typeof task.$inferInsert, 'origin'>): Promise<string> {
  const [row] = await tx
    .insert(task)
    .values({ ...values, origin: 'meeting_decision' })
    .returning({ id: task.id });
  return row!.id;
}
