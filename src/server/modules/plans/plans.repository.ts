import { and, asc, desc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { person } from '../families/families.table.js';
import { intervention, interventionType } from '../interventions/interventions.table.js';
import { meeting } from '../meetings/meetings.table.js';
import { goalRating, interventionGoal, lifeDomain, plan, planAction, planBaseline, planGoal, planSignOff, planVersion } from './plans.table.js';

export type PlanRow = typeof plan.$inferSelect;
export type GoalRow = typeof planGoal.$inferSelect;
export type ActionRow = typeof planAction.$inferSelect;
export type BaselineRow = typeof planBaseline.$inferSelect;
export type VersionRow = typeof planVersion.$inferSelect;
export type LifeDomainRow = typeof lifeDomain.$inferSelect;

export async function findPlanByFamily(tx: Tx, municipalityId: string, familyId: string): Promise<PlanRow | undefined> {
  const [row] = await tx
    .select()
    .from(plan)
    .where(and(eq(plan.municipalityId, municipalityId), eq(plan.familyId, familyId)))
    .limit(1);
  return row;
}

export async function insertPlan(tx: Tx, values: typeof plan.$inferInsert): Promise<PlanRow> {
  const [row] = await tx.insert(plan).values(values).returning();
  return row!;
}

export async function updatePlan(tx: Tx, municipalityId: string, planId: string, values: Partial<typeof plan.$inferInsert>): Promise<void> {
  await tx
    .update(plan)
    .set(values)
    .where(and(eq(plan.municipalityId, municipalityId), eq(plan.id, planId)));
}

/** The plan's goals not removed, in their order. */
export async function listGoals(tx: Tx, municipalityId: string, planId: string): Promise<GoalRow[]> {
  return tx
    .select()
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.planId, planId), isNull(planGoal.removedAt)))
    .orderBy(asc(planGoal.sortOrder), asc(planGoal.createdAt), asc(planGoal.id));
}

export async function findGoal(tx: Tx, municipalityId: string, planId: string, goalId: string): Promise<GoalRow | undefined> {
  const [row] = await tx
    .select()
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.planId, planId), eq(planGoal.id, goalId), isNull(planGoal.removedAt)))
    .limit(1);
  return row;
}

export async function nextGoalSortOrder(tx: Tx, municipalityId: string, planId: string): Promise<number> {
  const res = await tx
    .select({ max: sql<number | null>`max(${planGoal.sortOrder})` })
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.planId, planId)));
  return (res[0]?.max ?? 0) + 10;
}

export async function insertGoal(tx: Tx, values: typeof planGoal.$inferInsert): Promise<GoalRow> {
  const [row] = await tx.insert(planGoal).values(values).returning();
  return row!;
}

export async function updateGoal(tx: Tx, municipalityId: string, goalId: string, values: Partial<typeof planGoal.$inferInsert>): Promise<GoalRow> {
  const [row] = await tx
    .update(planGoal)
    .set(values)
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.id, goalId)))
    .returning();
  return row!;
}

/** The actions (not removed) of some goals, in their order. */
export async function listActions(tx: Tx, municipalityId: string, goalIds: string[]): Promise<ActionRow[]> {
  if (goalIds.length === 0) return [];
  return tx
    .select()
    .from(planAction)
    .where(and(eq(planAction.municipalityId, municipalityId), inArray(planAction.goalId, goalIds), isNull(planAction.removedAt)))
    .orderBy(asc(planAction.sortOrder), asc(planAction.id));
}

/** An action not removed, under a goal of the plan not removed. */
export async function findAction(tx: Tx, municipalityId: string, planId: string, actionId: string): Promise<{ action: ActionRow; goal: GoalRow } | undefined> {
  const [row] = await tx
    .select({ action: planAction, goal: planGoal })
    .from(planAction)
    .innerJoin(planGoal, and(eq(planGoal.municipalityId, planAction.municipalityId), eq(planGoal.id, planAction.goalId)))
    .where(
      and(
        eq(planAction.municipalityId, municipalityId),
        eq(planAction.id, actionId),
        isNull(planAction.removedAt),
        eq(planGoal.planId, planId),
        isNull(planGoal.removedAt),
      ),
    )
    .limit(1);
  return row;
}

export async function nextActionSortOrder(tx: Tx, municipalityId: string, goalId: string): Promise<number> {
  const res = await tx
    .select({ max: sql<number | null>`max(${planAction.sortOrder})` })
    .from(planAction)
    .where(and(eq(planAction.municipalityId, municipalityId), eq(planAction.goalId, goalId)));
  return (res[0]?.max ?? 0) + 10;
}

export async function insertAction(tx: Tx, values: typeof planAction.$inferInsert): Promise<ActionRow> {
  const [row] = await tx.insert(planAction).values(values).returning();
  return row!;
}

export async function updateAction(tx: Tx, municipalityId: string, actionId: string, values: Partial<typeof planAction.$inferInsert>): Promise<ActionRow> {
  const [row] = await tx
    .update(planAction)
    .set(values)
    .where(and(eq(planAction.municipalityId, municipalityId), eq(planAction.id, actionId)))
    .returning();
  return row!;
}

export async function listBaseline(tx: Tx, municipalityId: string, planId: string): Promise<BaselineRow[]> {
  return tx
    .select()
    .from(planBaseline)
    .where(and(eq(planBaseline.municipalityId, municipalityId), eq(planBaseline.planId, planId)))
    .orderBy(asc(planBaseline.domain));
}

export async function upsertBaseline(tx: Tx, values: typeof planBaseline.$inferInsert): Promise<void> {
  await tx
    .insert(planBaseline)
    .values(values)
    .onConflictDoUpdate({
      target: [planBaseline.municipalityId, planBaseline.planId, planBaseline.domain],
      set: { score: values.score, text: values.text, changedInDraft: values.changedInDraft, changedBy: values.changedBy },
    });
}

/** Which interventions serve which goals. */
export async function listInterventionLinks(tx: Tx, municipalityId: string, goalIds: string[]) {
  if (goalIds.length === 0) return [];
  return tx
    .select({ goalId: interventionGoal.goalId, interventionId: interventionGoal.interventionId })
    .from(interventionGoal)
    .where(and(eq(interventionGoal.municipalityId, municipalityId), inArray(interventionGoal.goalId, goalIds)))
    .orderBy(asc(interventionGoal.interventionId));
}

export async function linkIntervention(tx: Tx, municipalityId: string, goalId: string, interventionId: string): Promise<boolean> {
  const rows = await tx.insert(interventionGoal).values({ municipalityId, goalId, interventionId }).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function unlinkIntervention(tx: Tx, municipalityId: string, goalId: string, interventionId: string): Promise<boolean> {
  const rows = await tx
    .delete(interventionGoal)
    .where(and(eq(interventionGoal.municipalityId, municipalityId), eq(interventionGoal.goalId, goalId), eq(interventionGoal.interventionId, interventionId)))
    .returning();
  return rows.length > 0;
}

/** One of the family's interventions: who it is for, and what kind (its category and department, decision 0017). */
export async function findFamilyIntervention(tx: Tx, municipalityId: string, familyId: string, interventionId: string) {
  const [row] = await tx
    .select({ id: intervention.id, personId: intervention.personId, departmentId: intervention.departmentId, category: interventionType.category })
    .from(intervention)
    .innerJoin(interventionType, and(eq(interventionType.municipalityId, intervention.municipalityId), eq(interventionType.id, intervention.typeId)))
    .where(and(eq(intervention.municipalityId, municipalityId), eq(intervention.familyId, familyId), eq(intervention.id, interventionId)))
    .limit(1);
  return row;
}

/** Each goal's latest rating (latest date, then latest recorded). */
export async function latestRatings(tx: Tx, municipalityId: string, goalIds: string[]) {
  if (goalIds.length === 0) return [];
  return tx
    .selectDistinctOn([goalRating.goalId], { goalId: goalRating.goalId, date: goalRating.date, value: goalRating.value, respondent: goalRating.respondent })
    .from(goalRating)
    .where(and(eq(goalRating.municipalityId, municipalityId), inArray(goalRating.goalId, goalIds)))
    .orderBy(goalRating.goalId, desc(goalRating.date), desc(goalRating.createdAt));
}

/** The plan's published versions, newest first. */
export async function listVersions(tx: Tx, municipalityId: string, planId: string) {
  return tx
    .select({ version: planVersion, publishedByName: staffUser.name })
    .from(planVersion)
    .innerJoin(staffUser, and(eq(staffUser.municipalityId, planVersion.municipalityId), eq(staffUser.id, planVersion.publishedBy)))
    .where(and(eq(planVersion.municipalityId, municipalityId), eq(planVersion.planId, planId)))
    .orderBy(desc(planVersion.number));
}

export async function listVersionNumbers(tx: Tx, municipalityId: string, planId: string): Promise<number[]> {
  const rows = await tx
    .select({ number: planVersion.number })
    .from(planVersion)
    .where(and(eq(planVersion.municipalityId, municipalityId), eq(planVersion.planId, planId)));
  return rows.map((r) => r.number);
}

export async function findVersion(tx: Tx, municipalityId: string, planId: string, versionId: string): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(planVersion)
    .where(and(eq(planVersion.municipalityId, municipalityId), eq(planVersion.planId, planId), eq(planVersion.id, versionId)))
    .limit(1);
  return row;
}

export async function findVersionByNumber(tx: Tx, municipalityId: string, planId: string, number: number): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(planVersion)
    .where(and(eq(planVersion.municipalityId, municipalityId), eq(planVersion.planId, planId), eq(planVersion.number, number)))
    .limit(1);
  return row;
}

export async function insertVersion(tx: Tx, values: typeof planVersion.$inferInsert): Promise<VersionRow> {
  const [row] = await tx.insert(planVersion).values(values).returning();
  return row!;
}

/** The sign-offs on some versions, with the signer's and the recorder's names, in the order signed. */
export async function listSignOffs(tx: Tx, municipalityId: string, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return tx
    .select({ signOff: planSignOff, givenName: person.givenName, familyName: person.familyName, recordedByName: staffUser.name })
    .from(planSignOff)
    .innerJoin(person, and(eq(person.municipalityId, planSignOff.municipalityId), eq(person.id, planSignOff.personId)))
    .innerJoin(staffUser, and(eq(staffUser.municipalityId, planSignOff.municipalityId), eq(staffUser.id, planSignOff.recordedBy)))
    .where(and(eq(planSignOff.municipalityId, municipalityId), inArray(planSignOff.versionId, versionIds)))
    .orderBy(asc(planSignOff.signedAt), asc(planSignOff.recordedAt));
}

export async function hasSignedOff(tx: Tx, municipalityId: string, versionId: string, personId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: planSignOff.id })
    .from(planSignOff)
    .where(and(eq(planSignOff.municipalityId, municipalityId), eq(planSignOff.versionId, versionId), eq(planSignOff.personId, personId)))
    .limit(1);
  return rows.length > 0;
}

export async function insertSignOff(tx: Tx, values: typeof planSignOff.$inferInsert) {
  const [row] = await tx.insert(planSignOff).values(values).returning();
  return row!;
}

/** The municipality's life domains in their order. */
export async function listLifeDomains(tx: Tx, municipalityId: string): Promise<LifeDomainRow[]> {
  return tx
    .select()
    .from(lifeDomain)
    .where(eq(lifeDomain.municipalityId, municipalityId))
    .orderBy(asc(lifeDomain.sortOrder), asc(lifeDomain.code));
}

export async function findLifeDomain(tx: Tx, municipalityId: string, code: string): Promise<LifeDomainRow | undefined> {
  const [row] = await tx
    .select()
    .from(lifeDomain)
    .where(and(eq(lifeDomain.municipalityId, municipalityId), eq(lifeDomain.code, code)))
    .limit(1);
  return row;
}

export async function upsertLifeDomain(tx: Tx, values: typeof lifeDomain.$inferInsert): Promise<LifeDomainRow> {
  const [row] = await tx
    .insert(lifeDomain)
    .values(values)
    .onConflictDoUpdate({
      target: [lifeDomain.municipalityId, lifeDomain.code],
      set: { labelDa: values.labelDa, labelEn: values.labelEn, child: values.child, active: values.active, sortOrder: values.sortOrder },
    })
    .returning();
  return row!;
}

/** Names of staff users and departments by id, for showing who is responsible for actions. */
export async function staffNames(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: staffUser.id, name: staffUser.name, email: staffUser.email, active: staffUser.active, departmentId: staffUser.departmentId })
    .from(staffUser)
    .where(and(eq(staffUser.municipalityId, municipalityId), inArray(staffUser.id, ids)));
}

export async function departmentNames(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: department.id, name: department.name, active: department.active })
    .from(department)
    .where(and(eq(department.municipalityId, municipalityId), inArray(department.id, ids)));
}

/**
 * What was changed in the draft after version `seen`, for the conflict message: goals and actions created,
 * changed or removed, and baselines set, each with who did it.
 */
export async function draftChangesSince(tx: Tx, municipalityId: string, planId: string, seen: number) {
  const goals = await tx
    .select({
      id: planGoal.id,
      title: planGoal.title,
      domain: planGoal.domain,
      createdInDraft: planGoal.createdInDraft,
      changedInDraft: planGoal.changedInDraft,
      removed: sql<boolean>`${planGoal.removedAt} is not null`,
      byName: staffUser.name,
    })
    .from(planGoal)
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, planGoal.municipalityId), eq(staffUser.id, planGoal.changedBy)))
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.planId, planId), gt(planGoal.changedInDraft, seen)))
    .orderBy(asc(planGoal.changedInDraft));
  const actions = await tx
    .select({
      id: planAction.id,
      goalId: planAction.goalId,
      what: planAction.what,
      goalTitle: planGoal.title,
      goalDomain: planGoal.domain,
      createdInDraft: planAction.createdInDraft,
      changedInDraft: planAction.changedInDraft,
      removed: sql<boolean>`${planAction.removedAt} is not null`,
      byName: staffUser.name,
    })
    .from(planAction)
    .innerJoin(planGoal, and(eq(planGoal.municipalityId, planAction.municipalityId), eq(planGoal.id, planAction.goalId)))
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, planAction.municipalityId), eq(staffUser.id, planAction.changedBy)))
    .where(and(eq(planAction.municipalityId, municipalityId), eq(planGoal.planId, planId), gt(planAction.changedInDraft, seen)))
    .orderBy(asc(planAction.changedInDraft));
  const baseline = await tx
    .select({ domain: planBaseline.domain, changedInDraft: planBaseline.changedInDraft, byName: staffUser.name })
    .from(planBaseline)
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, planBaseline.municipalityId), eq(staffUser.id, planBaseline.changedBy)))
    .where(and(eq(planBaseline.municipalityId, municipalityId), eq(planBaseline.planId, planId), gt(planBaseline.changedInDraft, seen)))
    .orderBy(asc(planBaseline.changedInDraft));
  return { goals, actions, baseline };
}

/** The family's next planned meeting from now, if any. */
export async function nextPlannedMeeting(tx: Tx, municipalityId: string, familyId: string, now: Date) {
  const [row] = await tx
    .select({ startsAt: meeting.startsAt, endsAt: meeting.endsAt, place: meeting.place, onlineUrl: meeting.onlineUrl, title: meeting.title })
    .from(meeting)
    .where(and(eq(meeting.municipalityId, municipalityId), eq(meeting.familyId, familyId), eq(meeting.status, 'planned'), gte(meeting.startsAt, now)))
    .orderBy(asc(meeting.startsAt))
    .limit(1);
  return row;
}
