import type { z } from 'zod';
import { todayInDenmark } from '../../../shared/dates.js';
import { instrumentKinds, lifeDomainKind } from '../../../shared/consent-kinds.js';
import type { ConsentKind, FamilyRelation } from '../../../shared/families.js';
import {
  CURRENT_INSTRUMENT_VERSION,
  answerProblems,
  instrumentItems,
  type AssessmentBody,
  type AssessmentDto,
  type MeasurementsDto,
  type RateGoalsBody,
  type RatedGoalsDto,
} from '../../../shared/measurements.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireFamily } from '../families/families.access.js';
import { membersOf } from '../families/persons.repository.js';
import { listLifeDomains } from '../plans/plans.repository.js';
import { hiddenByConsent, narrowAssessments, narrowOutcome } from './measurements.consent.js';
import { MEASUREMENT_ACCESS, instrumentSubjectProblem, isAdultMember, isChildMember, isParentMember, measurementCan, type MemberFacts } from './measurements.policy.js';
import { presentAssessment, presentChildWelfare, presentConcernReport, presentSchoolAttendance, presentSupportPeriod } from './measurements.presenter.js';
import {
  goalsInPlan,
  insertAssessment,
  insertGoalRatings,
  listAssessments,
  listChildWelfarePeriods,
  listConcernReports,
  listSchoolAttendance,
  listSupportPeriods,
} from './measurements.repository.js';

/** A member of the family as the measurement rules see them. */
export interface Member extends MemberFacts {
  personId: string;
  name: string;
}

/** The family's members (past and present), by person id. */
export async function familyMembers(ctx: Ctx, familyId: string): Promise<Map<string, Member>> {
  const rows = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  return new Map(
    rows.map((r) => [r.person.id, { personId: r.person.id, name: `${r.person.givenName} ${r.person.familyName}`, role: r.member.role, birthDate: r.person.birthDate }]),
  );
}

/** Throws the collected field problems as one 400, so nothing is written. */
export function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

/**
 * Refuses a record of a kind the actor's consent does not cover (decision 0017): 403 with a clear message, the
 * refusal audited, nothing else written.
 */
export async function refuseUncovered(ctx: Ctx, familyId: string, kinds: readonly ConsentKind[], needed: readonly ConsentKind[], attempted: string): Promise<void> {
  const missing = needed.filter((k) => !kinds.includes(k));
  if (missing.length === 0) return;
  await audit(ctx, { action: 'access.denied', targetType: 'family', targetId: familyId, outcome: 'denied', details: { attempted, notCovered: missing } });
  throw new AppError('consent_kind_not_covered').keepingWrites();
}

/** The municipality's life domains in use: the items of the life-domain assessment, in the municipality's order. */
async function activeDomainCodes(ctx: Ctx): Promise<string[]> {
  return (await listLifeDomains(ctx.tx, ctx.municipalityId)).filter((d) => d.active).map((d) => d.code);
}

/**
 * POST /families/:id/plan/ratings: rates goals of the family's plan in one go, on one date by one respondent.
 * Every goal must be in the plan now and appear once; the date may not be in the future. All or nothing.
 */
export async function rateGoals(ctx: Ctx, familyId: string, body: RateGoalsBody): Promise<z.infer<typeof RatedGoalsDto>> {
  const { relation, kinds } = await requireFamily(ctx, familyId, MEASUREMENT_ACCESS.record, { lock: true });
  // A goal whose domain the rater's consent does not cover is not one they can see: as if not in the plan.
  const goals = new Map((await goalsInPlan(ctx.tx, ctx.municipalityId, familyId)).filter((g) => kinds.includes(lifeDomainKind(g.domain))).map((g) => [g.id, g]));
  const problems: FieldProblem[] = [];
  if (body.date > todayInDenmark(ctx.now)) problems.push({ path: 'date', message: 'date_in_future' });
  const seen = new Set<string>();
  body.ratings.forEach((r, i) => {
    if (!goals.has(r.goalId)) problems.push({ path: `ratings.${i}.goalId`, message: 'unknown_goal' });
    else if (seen.has(r.goalId)) problems.push({ path: `ratings.${i}.goalId`, message: 'duplicate_goal' });
    seen.add(r.goalId);
  });
  refuse(problems);
  const recordedBy = actorOf(ctx).userId;
  const rows = await insertGoalRatings(
    ctx.tx,
    body.ratings.map((r) => ({ municipalityId: ctx.municipalityId, goalId: r.goalId, familyId, date: body.date, value: r.value, respondent: body.respondent, recordedBy, createdAt: ctx.now })),
  );
  const members = await familyMembers(ctx, familyId);
  const concerned = new Set<string>();
  for (const r of body.ratings) {
    const personId = goals.get(r.goalId)!.personId;
    if (personId) concerned.add(personId);
    else for (const id of members.keys()) concerned.add(id);
  }
  await audit(ctx, {
    action: 'goal_rating.record',
    targetType: 'family',
    targetId: familyId,
    personIds: [...concerned],
    details: { relation, date: body.date, respondent: body.respondent, ratings: body.ratings.map((r) => ({ goalId: r.goalId, value: r.value })) },
  });
  return { ratings: rows.map((r) => ({ id: r.id, goalId: r.goalId, date: r.date, value: r.value, respondent: r.respondent })) };
}

/** POST /families/:id/assessments: an answered instrument, checked against its version's items and ranges. */
export async function recordAssessment(ctx: Ctx, familyId: string, body: AssessmentBody): Promise<AssessmentDto> {
  const { relation, kinds } = await requireFamily(ctx, familyId, MEASUREMENT_ACCESS.record, { lock: true });
  const items = instrumentItems(body.instrument, body.instrument === 'life_domains' ? await activeDomainCodes(ctx) : []);
  await refuseUncovered(ctx, familyId, kinds, instrumentKinds(body.instrument, items), `assessment.${body.instrument}`);
  const members = await familyMembers(ctx, familyId);
  const problems: FieldProblem[] = [];
  if (body.date > todayInDenmark(ctx.now)) problems.push({ path: 'date', message: 'date_in_future' });
  const personId = body.personId ?? null;
  const subject = personId === null ? null : (members.get(personId) ?? 'not_member');
  const rule = instrumentSubjectProblem(body.instrument, subject, body.respondent);
  if (rule) problems.push(rule);
  problems.push(...answerProblems(body.instrument, items, body.answers));
  refuse(problems);
  const row = await insertAssessment(ctx.tx, {
    municipalityId: ctx.municipalityId,
    familyId,
    personId,
    instrument: body.instrument,
    instrumentVersion: CURRENT_INSTRUMENT_VERSION[body.instrument],
    date: body.date,
    respondent: body.respondent,
    answers: body.answers,
    recordedBy: actorOf(ctx).userId,
    createdAt: ctx.now,
  });
  await audit(ctx, {
    action: 'assessment.create',
    targetType: 'family',
    targetId: familyId,
    personIds: personId ? [personId] : [...members.keys()],
    details: { relation, assessmentId: row.id, instrument: row.instrument, instrumentVersion: row.instrumentVersion, date: row.date, respondent: row.respondent },
  });
  return presentAssessment(row, actorOf(ctx).name);
}

/** GET /families/:id/assessments: the family's answered instruments, newest first, audited. */
export async function getAssessments(ctx: Ctx, familyId: string) {
  const { relation, kinds } = await requireFamily(ctx, familyId, MEASUREMENT_ACCESS.read);
  const members = await familyMembers(ctx, familyId);
  const narrowed = narrowAssessments((await listAssessments(ctx.tx, ctx.municipalityId, familyId)).map((a) => presentAssessment(a.row, a.recordedByName)), kinds);
  const hidden = hiddenByConsent(kinds, await activeDomainCodes(ctx), narrowed.hidden);
  await audit(ctx, {
    action: 'assessment.read',
    targetType: 'family',
    targetId: familyId,
    personIds: [...members.keys()],
    details: { relation, assessments: narrowed.shown.length, assessmentIds: narrowed.shown.map((a) => a.id), hiddenByConsent: hidden },
  });
  return { assessments: narrowed.shown, can: measurementCan(relation), hiddenByConsent: hidden };
}

/** GET /families/:id/measurements: everything the Målinger page shows, in one audited read naming what was shown. */
export async function getMeasurements(ctx: Ctx, familyId: string): Promise<MeasurementsDto> {
  const { relation, kinds } = await requireFamily(ctx, familyId, MEASUREMENT_ACCESS.read);
  const view = await measurementsView(ctx, familyId, relation, kinds);
  await audit(ctx, {
    action: 'measurement.read',
    targetType: 'family',
    targetId: familyId,
    personIds: view.members.map((m) => m.personId),
    details: {
      relation,
      assessments: view.assessments.length,
      supportPeriods: view.supportPeriods.length,
      childWelfarePeriods: view.childWelfarePeriods.length,
      concernReports: view.concernReports.length,
      schoolAttendance: view.schoolAttendance.length,
      hiddenByConsent: view.hiddenByConsent,
    },
  });
  return view;
}

/** The Målinger page for a viewer who sees `kinds`: sections of other kinds left out and counted (decision 0017). */
async function measurementsView(ctx: Ctx, familyId: string, relation: FamilyRelation, kinds: readonly ConsentKind[]): Promise<MeasurementsDto> {
  const { tx, municipalityId } = ctx;
  const today = todayInDenmark(ctx.now);
  const members = [...(await familyMembers(ctx, familyId)).values()];
  const adults = members.filter((m) => isAdultMember(m, today)).map((m) => m.personId);
  const children = members.filter(isChildMember).map((m) => m.personId);
  const lifeDomains = await activeDomainCodes(ctx);
  const assessments = narrowAssessments((await listAssessments(tx, municipalityId, familyId)).map((a) => presentAssessment(a.row, a.recordedByName)), kinds);
  // A section of a kind the consent does not cover is read only to count what is left out.
  const read = async <T>(section: 'supportPeriods' | 'childWelfarePeriods' | 'concernReports' | 'schoolAttendance', load: () => Promise<T[]>) =>
    narrowOutcome(section, await load(), kinds);
  const support = await read('supportPeriods', async () => (await listSupportPeriods(tx, municipalityId, adults)).map(presentSupportPeriod));
  const welfare = await read('childWelfarePeriods', async () => (await listChildWelfarePeriods(tx, municipalityId, children)).map(presentChildWelfare));
  const concerns = await read('concernReports', async () => (await listConcernReports(tx, municipalityId, children)).map(presentConcernReport));
  const attendance = await read('schoolAttendance', async () => (await listSchoolAttendance(tx, municipalityId, children)).map(presentSchoolAttendance));
  const hidden = assessments.hidden + support.hidden + welfare.hidden + concerns.hidden + attendance.hidden;
  return {
    members: members.map((m) => ({ personId: m.personId, name: m.name, role: m.role, adult: isAdultMember(m, today), child: isChildMember(m), parent: isParentMember(m) })),
    lifeDomains: lifeDomains.filter((d) => kinds.includes(lifeDomainKind(d))),
    assessments: assessments.shown,
    supportPeriods: support.shown,
    childWelfarePeriods: welfare.shown,
    concernReports: concerns.shown,
    schoolAttendance: attendance.shown,
    can: measurementCan(relation),
    hiddenByConsent: hiddenByConsent(kinds, lifeDomains, hidden),
  };
}
