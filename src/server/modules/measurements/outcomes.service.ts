import type { z } from 'zod';
import { OUTCOME_KINDS, type OutcomeSection } from '../../../shared/consent-kinds.js';
import { todayInDenmark, type IsoDate } from '../../../shared/dates.js';
import type { Lang } from '../../../shared/i18n.js';
import {
  SUPPORT_STATUS_LABELS,
  type ChildWelfareBody,
  type ChildWelfarePatch,
  type ConcernReportBody,
  type ConcernReportPatch,
  type SchoolAttendanceBody,
  type SchoolAttendancePatch,
  type SupportPeriodBody,
  type SupportPeriodPatch,
} from '../../../shared/measurements.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireFamily } from '../families/families.access.js';
import { MEASUREMENT_ACCESS, isAdultMember, isChildMember } from './measurements.policy.js';
import { presentChildWelfare, presentConcernReport, presentSchoolAttendance, presentSupportPeriod } from './measurements.presenter.js';
import {
  deleteChildWelfarePeriod,
  deleteConcernReport,
  deleteSchoolAttendance,
  deleteSupportPeriod,
  findChildWelfarePeriod,
  findConcernReport,
  findSchoolAttendance,
  findSupportPeriod,
  insertChildWelfarePeriod,
  insertConcernReport,
  insertSchoolAttendance,
  insertSupportPeriod,
  lockPerson,
  overlappingSupportPeriods,
  updateChildWelfarePeriod,
  updateConcernReport,
  updateSchoolAttendance,
  updateSupportPeriod,
  type SupportPeriodRow,
} from './measurements.repository.js';
import { familyMembers, refuse, refuseUncovered, type Member } from './measurements.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The outcomes that registers hold, recorded per member of the family: support-status periods for the adults,
 * and for the children child-welfare periods, concern reports and school attendance. Every write is audited
 * naming the person, with the record before and after.
 */

type Kind = 'adult' | 'child';

interface Opened {
  members: Map<string, Member>;
  /** Members of the kind the record is about: the only persons whose records this family's page may touch. */
  subjects: string[];
  today: IsoDate;
}

/**
 * Starts a write: the actor must record measurements for the family (404 otherwise); the family row is locked.
 * The section's kind must be covered by the actor's consent (decision 0017): a new record is refused with 403,
 * and a change or deletion of an existing one answers as for a record that does not exist.
 */
async function open(ctx: Ctx, familyId: string, section: OutcomeSection, mode: 'create' | 'existing'): Promise<Opened> {
  const { kinds } = await requireFamily(ctx, familyId, MEASUREMENT_ACCESS.record, { lock: true });
  if (!kinds.includes(OUTCOME_KINDS[section])) {
    if (mode === 'existing') throw new AppError('measurement_not_found');
    await refuseUncovered(ctx, familyId, kinds, [OUTCOME_KINDS[section]], section);
  }
  const kind: Kind = section === 'supportPeriods' ? 'adult' : 'child';
  const members = await familyMembers(ctx, familyId);
  const today = todayInDenmark(ctx.now);
  const subjects = [...members.values()].filter((m) => (kind === 'adult' ? isAdultMember(m, today) : isChildMember(m))).map((m) => m.personId);
  return { members, subjects, today };
}

/** The person must be a member of the family, and an adult (support status) or a child (the child indicators). */
function checkSubject(o: Opened, personId: string, kind: Kind, problems: FieldProblem[]): void {
  if (!o.members.has(personId)) problems.push({ path: 'personId', message: 'unknown_person' });
  else if (!o.subjects.includes(personId)) problems.push({ path: 'personId', message: kind === 'adult' ? 'not_an_adult' : 'not_a_child' });
}

function checkPeriod(from: IsoDate, to: IsoDate | null, problems: FieldProblem[]): void {
  if (to !== null && to < from) problems.push({ path: 'to', message: 'end_before_start' });
}

function notInFuture(o: Opened, path: string, d: IsoDate, problems: FieldProblem[]): void {
  if (d > o.today) problems.push({ path, message: 'date_in_future' });
}

function recordId(id: string): string {
  if (!UUID.test(id)) throw new AppError('measurement_not_found');
  return id;
}

function formatDay(d: IsoDate, lang: Lang): string {
  const [y, m, day] = d.split('-');
  return lang === 'da' ? `${day}.${m}.${y}` : `${day}/${m}/${y}`;
}

/** The clash named for the user: "Kontanthjælp 01.03.2024 – 30.06.2024" (an open end shows as "…"). */
export function describeSupportPeriod(p: Pick<SupportPeriodRow, 'status' | 'from' | 'to'>, lang: Lang): string {
  return `${SUPPORT_STATUS_LABELS[p.status][lang]} ${formatDay(p.from, lang)} – ${p.to ? formatDay(p.to, lang) : '…'}`;
}

/**
 * Periods of one person never overlap. Checked under a lock on the person's row, so two writers cannot both
 * pass; the refusal names the period in the way.
 */
async function checkNoOverlap(ctx: Ctx, o: Opened, personId: string, from: IsoDate, to: IsoDate | null, exceptId: string | null): Promise<void> {
  await lockPerson(ctx.tx, ctx.municipalityId, personId);
  const clashes = await overlappingSupportPeriods(ctx.tx, ctx.municipalityId, personId, from, to, exceptId);
  const clash = clashes[0];
  if (!clash) return;
  const name = o.members.get(personId)?.name ?? '';
  const period = describeSupportPeriod(clash, ctx.lang);
  const message =
    ctx.lang === 'da'
      ? `Perioden overlapper ${name}s periode ${period}. Ret eller afslut den periode først, eller vælg andre datoer.`
      : `The period overlaps ${name}'s period ${period}. Change or end that period first, or choose other dates.`;
  throw new AppError('support_period_overlap', [{ path: 'from', message }], {
    clash: { id: clash.id, status: clash.status, from: clash.from, to: clash.to },
  });
}

// ── Support status periods (forsørgelse) ──

const supportView = (r: SupportPeriodRow) => ({ personId: r.personId, status: r.status, from: r.from, to: r.to });

export async function createSupportPeriod(ctx: Ctx, familyId: string, body: z.infer<typeof SupportPeriodBody>) {
  const o = await open(ctx, familyId, 'supportPeriods', 'create');
  const problems: FieldProblem[] = [];
  const to = body.to ?? null;
  checkSubject(o, body.personId, 'adult', problems);
  checkPeriod(body.from, to, problems);
  refuse(problems);
  await checkNoOverlap(ctx, o, body.personId, body.from, to, null);
  const row = await insertSupportPeriod(ctx.tx, {
    municipalityId: ctx.municipalityId,
    personId: body.personId,
    status: body.status,
    from: body.from,
    to,
    recordedBy: actorOf(ctx).userId,
    createdAt: ctx.now,
  });
  await audit(ctx, { action: 'support_period.create', targetType: 'family', targetId: familyId, personIds: [row.personId], details: { periodId: row.id, after: supportView(row) } });
  return presentSupportPeriod(row);
}

export async function changeSupportPeriod(ctx: Ctx, familyId: string, id: string, patch: z.infer<typeof SupportPeriodPatch>) {
  const o = await open(ctx, familyId, 'supportPeriods', 'existing');
  const existing = await findSupportPeriod(ctx.tx, ctx.municipalityId, recordId(id), o.subjects);
  if (!existing) throw new AppError('measurement_not_found');
  const from = patch.from ?? existing.from;
  const to = patch.to === undefined ? existing.to : patch.to;
  const problems: FieldProblem[] = [];
  checkPeriod(from, to, problems);
  refuse(problems);
  await checkNoOverlap(ctx, o, existing.personId, from, to, existing.id);
  const row = await updateSupportPeriod(ctx.tx, ctx.municipalityId, existing.id, { status: patch.status ?? existing.status, from, to });
  await audit(ctx, {
    action: 'support_period.update',
    targetType: 'family',
    targetId: familyId,
    personIds: [row.personId],
    details: { periodId: row.id, before: supportView(existing), after: supportView(row) },
  });
  return presentSupportPeriod(row);
}

export async function removeSupportPeriod(ctx: Ctx, familyId: string, id: string) {
  const o = await open(ctx, familyId, 'supportPeriods', 'existing');
  const existing = await findSupportPeriod(ctx.tx, ctx.municipalityId, recordId(id), o.subjects);
  if (!existing) throw new AppError('measurement_not_found');
  await deleteSupportPeriod(ctx.tx, ctx.municipalityId, existing.id);
  await audit(ctx, { action: 'support_period.delete', targetType: 'family', targetId: familyId, personIds: [existing.personId], details: { periodId: existing.id, before: supportView(existing) } });
  return { ok: true as const };
}

// ── Child-welfare periods ──

type ChildWelfareRow = Awaited<ReturnType<typeof insertChildWelfarePeriod>>;
const welfareView = (r: ChildWelfareRow) => ({ personId: r.personId, kind: r.kind, from: r.from, to: r.to, legalBasis: r.legalBasis });

export async function createChildWelfarePeriod(ctx: Ctx, familyId: string, body: z.infer<typeof ChildWelfareBody>) {
  const o = await open(ctx, familyId, 'childWelfarePeriods', 'create');
  const problems: FieldProblem[] = [];
  const to = body.to ?? null;
  checkSubject(o, body.personId, 'child', problems);
  checkPeriod(body.from, to, problems);
  refuse(problems);
  const row = await insertChildWelfarePeriod(ctx.tx, {
    municipalityId: ctx.municipalityId,
    personId: body.personId,
    kind: body.kind,
    from: body.from,
    to,
    legalBasis: body.legalBasis || null,
    recordedBy: actorOf(ctx).userId,
    createdAt: ctx.now,
  });
  await audit(ctx, { action: 'child_welfare.create', targetType: 'family', targetId: familyId, personIds: [row.personId], details: { periodId: row.id, after: welfareView(row) } });
  return presentChildWelfare(row);
}

export async function changeChildWelfarePeriod(ctx: Ctx, familyId: string, id: string, patch: z.infer<typeof ChildWelfarePatch>) {
  const o = await open(ctx, familyId, 'childWelfarePeriods', 'existing');
  const existing = await findChildWelfarePeriod(ctx.tx, ctx.municipalityId, recordId(id), o.subjects);
  if (!existing) throw new AppError('measurement_not_found');
  const from = patch.from ?? existing.from;
  const to = patch.to === undefined ? existing.to : patch.to;
  const problems: FieldProblem[] = [];
  checkPeriod(from, to, problems);
  refuse(problems);
  const legalBasis = patch.legalBasis === undefined ? existing.legalBasis : patch.legalBasis || null;
  const row = await updateChildWelfarePeriod(ctx.tx, ctx.municipalityId, existing.id, { kind: patch.kind ?? existing.kind, from, to, legalBasis });
  await audit(ctx, {
    action: 'child_welfare.update',
    targetType: 'family',
    targetId: familyId,
    personIds: [row.personId],
    details: { periodId: row.id, before: welfareView(existing), after: welfareView(row) },
  });
  return presentChildWelfare(row);
}

export async function removeChildWelfarePeriod(ctx: Ctx, familyId: string, id: string) {
  const o = await open(ctx, familyId, 'childWelfarePeriods', 'existing');
  const existing = await findChildWelfarePeriod(ctx.tx, ctx.municipalityId, recordId(id), o.subjects);
  if (!existing) throw new AppError('measurement_not_found');
  await deleteChildWelfarePeriod(ctx.tx, ctx.municipalityId, existing.id);
  await audit(ctx, { action: 'child_welfare.delete', targetType: 'family', targetId: familyId, personIds: [existing.personId], details: { periodId: existing.id, before: welfareView(existing) } });
  return { ok: true as const };
}

// ── Concern reports (underretninger) ──

type ConcernRow = Awaited<ReturnType<typeof insertConcernReport>>;
const concernView = (r: ConcernRow) => ({ personId: r.personId, date: r.date, source: r.source });

export async function createConcernReport(ctx: Ctx, familyId: string, body: z.infer<typeof ConcernReportBody>) {
  const o = await open(ctx, familyId, 'concernReports', 'create');
  const problems: FieldProblem[] = [];
  checkSubject(o, body.personId, 'child', problems);
  notInFuture(o, 'date', body.date, problems);
  refuse(problems);
  const row = await insertConcernReport(ctx.tx, {
    municipalityId: ctx.municipalityId,
    personId: body.personId,
    date: body.date,
    source: body.source,
    recordedBy: actorOf(ctx).userId,
    createdAt: ctx.now,
  });
  await audit(ctx, { action: 'concern_report.create', targetType: 'family', targetId: familyId, personIds: [row.personId], details: { reportId: row.id, after: concernView(row) } });
  return presentConcernReport(row);
}

export async function changeConcernReport(ctx: Ctx, familyId: string, id: string, patch: z.infer<typeof ConcernReportPatch>) {
  const o = await open(ctx, familyId, 'concernReports', 'existing');
  const existing = await findConcernReport(ctx.tx, ctx.municipalityId, recordId(id), o.subjects);
  if (!existing) throw new AppError('measurement_not_found');
  const problems: FieldProblem[] = [];
  if (patch.date !== undefined) notInFuture(o, 'date', patch.date, problems);
  refuse(problems);
  const row = await updateConcernReport(ctx.tx, ctx.municipalityId, existing.id, { date: patch.date ?? existing.date, source: patch.source ?? existing.source });
  await audit(ctx, {
    action: 'concern_report.update',
    targetType: 'family',
    targetId: familyId,
    personIds: [row.personId],
    details: { reportId: row.id, before: concernView(existing), after: concernView(row) },
  });
  return presentConcernReport(row);
}

export async function removeConcernReport(ctx: Ctx, familyId: string, id: string) {
  const o = await open(ctx, familyId, 'concernReports', 'existing');
  const existing = await findConcernReport(ctx.tx, ctx.municipalityId, recordId(id), o.subjects);
  if (!existing) throw new AppError('measurement_not_found');
  await deleteConcernReport(ctx.tx, ctx.municipalityId, existing.id);
  await audit(ctx, { action: 'concern_report.delete', targetType: 'family', targetId: familyId, personIds: [existing.personId], details: { reportId: existing.id, before: concernView(existing) } });
  return { ok: true as const };
}

// ── School attendance ──

type AttendanceRow = Awaited<ReturnType<typeof insertSchoolAttendance>>;
const attendanceView = (r: AttendanceRow) => ({ personId: r.personId, from: r.from, to: r.to, absencePercent: Number(r.absencePercent) });

export async function createSchoolAttendance(ctx: Ctx, familyId: string, body: z.infer<typeof SchoolAttendanceBody>) {
  const o = await open(ctx, familyId, 'schoolAttendance', 'create');
  const problems: FieldProblem[] = [];
  checkSubject(o, body.personId, 'child', problems);
  checkPeriod(body.from, body.to, problems);
  notInFuture(o, 'to', body.to, problems);
  refuse(problems);
  const row = await insertSchoolAttendance(ctx.tx, {
    municipalityId: ctx.municipalityId,
    personId: body.personId,
    from: body.from,
    to: body.to,
    absencePercent: body.absencePercent,
    recordedBy: actorOf(ctx).userId,
    createdAt: ctx.now,
  });
  await audit(ctx, { action: 'school_attendance.create', targetType: 'family', targetId: familyId, personIds: [row.personId], details: { recordId: row.id, after: attendanceView(row) } });
  return presentSchoolAttendance(row);
}

export async function changeSchoolAttendance(ctx: Ctx, familyId: string, id: string, patch: z.infer<typeof SchoolAttendancePatch>) {
  const o = await open(ctx, familyId, 'schoolAttendance', 'existing');
  const existing = await findSchoolAttendance(ctx.tx, ctx.municipalityId, recordId(id), o.subjects);
  if (!existing) throw new AppError('measurement_not_found');
  const from = patch.from ?? existing.from;
  const to = patch.to ?? existing.to;
  const problems: FieldProblem[] = [];
  checkPeriod(from, to, problems);
  if (patch.to !== undefined) notInFuture(o, 'to', to, problems);
  refuse(problems);
  const row = await updateSchoolAttendance(ctx.tx, ctx.municipalityId, existing.id, { from, to, absencePercent: patch.absencePercent ?? Number(existing.absencePercent) });
  await audit(ctx, {
    action: 'school_attendance.update',
    targetType: 'family',
    targetId: familyId,
    personIds: [row.personId],
    details: { recordId: row.id, before: attendanceView(existing), after: attendanceView(row) },
  });
  return presentSchoolAttendance(row);
}

export async function removeSchoolAttendance(ctx: Ctx, familyId: string, id: string) {
  const o = await open(ctx, familyId, 'schoolAttendance', 'existing');
  const existing = await findSchoolAttendance(ctx.tx, ctx.municipalityId, recordId(id), o.subjects);
  if (!existing) throw new AppError('measurement_not_found');
  await deleteSchoolAttendance(ctx.tx, ctx.municipalityId, existing.id);
  await audit(ctx, { action: 'school_attendance.delete', targetType: 'family', targetId: familyId, personIds: [existing.personId], details: { recordId: existing.id, before: attendanceView(existing) } });
  return { ok: true as const };
}
