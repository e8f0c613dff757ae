import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { staffUser } from '../admin/users.table.js';
import { person } from '../families/families.table.js';
import { goalRating, planGoal } from '../plans/plans.table.js';
import { assessment, childWelfarePeriod, concernReport, schoolAttendance, supportStatusPeriod } from './measurements.table.js';

export type SupportPeriodRow = typeof supportStatusPeriod.$inferSelect;
export type ChildWelfareRow = typeof childWelfarePeriod.$inferSelect;
export type ConcernReportRow = typeof concernReport.$inferSelect;
export type SchoolAttendanceRow = typeof schoolAttendance.$inferSelect;
export type AssessmentRow = typeof assessment.$inferSelect;

/** The goals of the family's plan that can be rated: those in the plan now (not removed from it). */
export async function goalsInPlan(tx: Tx, municipalityId: string, familyId: string) {
  return tx
    .select({ id: planGoal.id, personId: planGoal.personId, domain: planGoal.domain })
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.familyId, familyId), isNull(planGoal.removedAt)));
}

export async function insertGoalRatings(tx: Tx, rows: Array<typeof goalRating.$inferInsert>) {
  return tx.insert(goalRating).values(rows).returning();
}

/** Locks the person's row: writers of one person's support periods are strictly ordered, so the overlap check holds. */
export async function lockPerson(tx: Tx, municipalityId: string, personId: string): Promise<void> {
  await tx.execute(sql`select 1 from ${person} where ${person.municipalityId} = ${municipalityId} and ${person.id} = ${personId} for update`);
}

/** The person's other support periods that share a day with [from, to] (to null = open). */
export async function overlappingSupportPeriods(tx: Tx, municipalityId: string, personId: string, from: string, to: string | null, exceptId: string | null) {
  return tx
    .select()
    .from(supportStatusPeriod)
    .where(
      and(
        eq(supportStatusPeriod.municipalityId, municipalityId),
        eq(supportStatusPeriod.personId, personId),
        exceptId ? ne(supportStatusPeriod.id, exceptId) : sql`true`,
        to === null ? sql`true` : sql`${supportStatusPeriod.from} <= ${to}::date`,
        sql`(${supportStatusPeriod.to} is null or ${supportStatusPeriod.to} >= ${from}::date)`,
      ),
    )
    .orderBy(asc(supportStatusPeriod.from));
}

// ── Support status periods ──

export async function listSupportPeriods(tx: Tx, municipalityId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .select()
    .from(supportStatusPeriod)
    .where(and(eq(supportStatusPeriod.municipalityId, municipalityId), inArray(supportStatusPeriod.personId, personIds)))
    .orderBy(asc(supportStatusPeriod.personId), asc(supportStatusPeriod.from));
}

export async function findSupportPeriod(tx: Tx, municipalityId: string, id: string, personIds: string[]) {
  if (personIds.length === 0) return undefined;
  const [row] = await tx
    .select()
    .from(supportStatusPeriod)
    .where(and(eq(supportStatusPeriod.municipalityId, municipalityId), eq(supportStatusPeriod.id, id), inArray(supportStatusPeriod.personId, personIds)));
  return row;
}

export async function insertSupportPeriod(tx: Tx, values: typeof supportStatusPeriod.$inferInsert) {
  return (await tx.insert(supportStatusPeriod).values(values).returning())[0]!;
}

export async function updateSupportPeriod(tx: Tx, municipalityId: string, id: string, values: Partial<SupportPeriodRow>) {
  return (await tx.update(supportStatusPeriod).set(values).where(and(eq(supportStatusPeriod.municipalityId, municipalityId), eq(supportStatusPeriod.id, id))).returning())[0]!;
}

export async function deleteSupportPeriod(tx: Tx, municipalityId: string, id: string) {
  await tx.delete(supportStatusPeriod).where(and(eq(supportStatusPeriod.municipalityId, municipalityId), eq(supportStatusPeriod.id, id)));
}

// ── Child-welfare periods ──

export async function listChildWelfarePeriods(tx: Tx, municipalityId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .select()
    .from(childWelfarePeriod)
    .where(and(eq(childWelfarePeriod.municipalityId, municipalityId), inArray(childWelfarePeriod.personId, personIds)))
    .orderBy(asc(childWelfarePeriod.personId), asc(childWelfarePeriod.from));
}

export async function findChildWelfarePeriod(tx: Tx, municipalityId: string, id: string, personIds: string[]) {
  if (personIds.length === 0) return undefined;
  const [row] = await tx
    .select()
    .from(childWelfarePeriod)
    .where(and(eq(childWelfarePeriod.municipalityId, municipalityId), eq(childWelfarePeriod.id, id), inArray(childWelfarePeriod.personId, personIds)));
  return row;
}

export async function insertChildWelfarePeriod(tx: Tx, values: typeof childWelfarePeriod.$inferInsert) {
  return (await tx.insert(childWelfarePeriod).values(values).returning())[0]!;
}

export async function updateChildWelfarePeriod(tx: Tx, municipalityId: string, id: string, values: Partial<ChildWelfareRow>) {
  return (await tx.update(childWelfarePeriod).set(values).where(and(eq(childWelfarePeriod.municipalityId, municipalityId), eq(childWelfarePeriod.id, id))).returning())[0]!;
}

export async function deleteChildWelfarePeriod(tx: Tx, municipalityId: string, id: string) {
  await tx.delete(childWelfarePeriod).where(and(eq(childWelfarePeriod.municipalityId, municipalityId), eq(childWelfarePeriod.id, id)));
}

// ── Concern reports ──

export async function listConcernReports(tx: Tx, municipalityId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .select()
    .from(concernReport)
    .where(and(eq(concernReport.municipalityId, municipalityId), inArray(concernReport.personId, personIds)))
    .orderBy(asc(concernReport.personId), desc(concernReport.date));
}

export async function findConcernReport(tx: Tx, municipalityId: string, id: string, personIds: string[]) {
  if (personIds.length === 0) return undefined;
  const [row] = await tx
    .select()
    .from(concernReport)
    .where(and(eq(concernReport.municipalityId, municipalityId), eq(concernReport.id, id), inArray(concernReport.personId, personIds)));
  return row;
}

export async function insertConcernReport(tx: Tx, values: typeof concernReport.$inferInsert) {
  return (await tx.insert(concernReport).values(values).returning())[0]!;
}

export async function updateConcernReport(tx: Tx, municipalityId: string, id: string, values: Partial<ConcernReportRow>) {
  return (await tx.update(concernReport).set(values).where(and(eq(concernReport.municipalityId, municipalityId), eq(concernReport.id, id))).returning())[0]!;
}

export async function deleteConcernReport(tx: Tx, municipalityId: string, id: string) {
  await tx.delete(concernReport).where(and(eq(concernReport.municipalityId, municipalityId), eq(concernReport.id, id)));
}

// ── School attendance ──

export async function listSchoolAttendance(tx: Tx, municipalityId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .select()
    .from(schoolAttendance)
    .where(and(eq(schoolAttendance.municipalityId, municipalityId), inArray(schoolAttendance.personId, personIds)))
    .orderBy(asc(schoolAttendance.personId), asc(schoolAttendance.from));
}

export async function findSchoolAttendance(tx: Tx, municipalityId: string, id: string, personIds: string[]) {
  if (personIds.length === 0) return undefined;
  const [row] = await tx
    .select()
    .from(schoolAttendance)
    .where(and(eq(schoolAttendance.municipalityId, municipalityId), eq(schoolAttendance.id, id), inArray(schoolAttendance.personId, personIds)));
  return row;
}

export async function insertSchoolAttendance(tx: Tx, values: typeof schoolAttendance.$inferInsert) {
  return (await tx.insert(schoolAttendance).values(values).returning())[0]!;
}

export async function updateSchoolAttendance(tx: Tx, municipalityId: string, id: string, values: Partial<SchoolAttendanceRow>) {
  return (await tx.update(schoolAttendance).set(values).where(and(eq(schoolAttendance.municipalityId, municipalityId), eq(schoolAttendance.id, id))).returning())[0]!;
}

export async function deleteSchoolAttendance(tx: Tx, municipalityId: string, id: string) {
  await tx.delete(schoolAttendance).where(and(eq(schoolAttendance.municipalityId, municipalityId), eq(schoolAttendance.id, id)));
}

// ── Assessments ──

export async function insertAssessment(tx: Tx, values: typeof assessment.$inferInsert) {
  return (await tx.insert(assessment).values(values).returning())[0]!;
}

/** The family's answered instruments, newest first, with the name of whoever recorded each. */
export async function listAssessments(tx: Tx, municipalityId: string, familyId: string) {
  return tx
    .select({ row: assessment, recordedByName: staffUser.name })
    .from(assessment)
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, assessment.municipalityId), eq(staffUser.id, assessment.recordedBy)))
    .where(and(eq(assessment.municipalityId, municipalityId), eq(assessment.familyId, familyId)))
    .orderBy(desc(assessment.date), desc(assessment.createdAt));
}
