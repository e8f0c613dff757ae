/**
 * The reference implementation of every KPI in DESIGN.md's table ("The evaluation: metric definitions"), as plain
 * TypeScript over in-memory rows. The server computes the same numbers in SQL (server/modules/evaluation/
 * kpis.repository.ts); property tests require both to agree. Keep this file a literal reading of the definitions:
 * clarity over speed.
 *
 * Floating point, so that SQL and reference agree to the last bit: counts are exact; shares are one division of two
 * counts; durations are `(totalDays / n) / 30.4375`; means of measured values (absence percentages, costs) are
 * exactMean — the exact mean of the doubles rounded once, independent of any summation order (and what produced
 * exchange/example.kpis.json). Each intervention's cost in a window is src/shared/cost.ts's double.
 */
import { z } from 'zod';
import { costInWindow } from './cost.js';
import type { PriceUnit } from './cost.js';
import { addMonths, daysBetween, type IsoDate } from './dates.js';
import type { KpiNumbers, ShownKpis } from './evaluation-dashboard.js';
import { IsoDateSchema } from './families.js';
import { SMALL_COUNT } from './suppression.js';
import type { ExchangeDocument } from './exchange/exchange.js';
import { isSelfSupporting, type ChildWelfareKind, type Respondent, type SupportStatus } from './measurements.js';

/** Days per month in the duration KPI (DESIGN.md). */
export const DURATION_DAYS_PER_MONTH = 30.4375;

/**
 * A family is closer to its goals when its mean goal change is above this, not merely above zero: the change is a
 * mean of differences of means of small integers, and a true zero may come out as ±1e-16 in any finite arithmetic
 * (floats here, numeric in SQL). Every true non-zero progress of 0–10 ratings is far larger.
 */
export const CLOSER_EPSILON = 1e-9;

export interface KpiMember {
  personId: string;
  role: 'parent' | 'child' | 'other';
  sex: 'female' | 'male' | 'unknown';
}

export interface KpiFamily {
  id: string;
  enrolledAt: IsoDate | null;
  completedAt: IsoDate | null;
  withdrawnAt: IsoDate | null;
  members: KpiMember[];
}

/** Everything the KPIs read, for one municipality. */
export interface KpiInput {
  /** The municipality's public-support set (offentlig forsørgelse). */
  publicSupport: readonly SupportStatus[];
  families: KpiFamily[];
  goalRatings: { familyId: string; goalId: string; date: IsoDate; value: number; respondent: Respondent }[];
  supportPeriods: { personId: string; status: SupportStatus; from: IsoDate; to: IsoDate | null }[];
  childWelfare: { personId: string; kind: ChildWelfareKind; from: IsoDate; to: IsoDate | null }[];
  concernReports: { personId: string; date: IsoDate }[];
  schoolAttendance: { personId: string; from: IsoDate; to: IsoDate; absencePercent: number }[];
  interventions: { familyId: string; from: IsoDate; to: IsoDate | null; price: { amount: number; per: PriceUnit }; hoursPerWeek: number | null }[];
}

const covers = (p: { from: IsoDate; to: IsoDate | null }, d: IsoDate) => p.from <= d && (p.to === null || d <= p.to);
const share = (part: number, n: number): number | null => (n === 0 ? null : part / n);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const MIN_EXPONENT = 1074n;
const MEAN_DIGITS = 80n;

/** A double's exact value as an integer number of 2^-1074 (the smallest subnormal). */
function exactUnits(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponent = (bits >> 52n) & 0x7ffn;
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = exponent === 0n ? fraction : fraction | (1n << 52n);
  const shift = exponent === 0n ? 0n : exponent - 1n;
  const units = mantissa << shift;
  return negative ? -units : units;
}

/**
 * The mean of doubles, exact: the sum of the values as they are stored (each double's exact binary value) divided
 * by n, rounded to the nearest double once — Python's statistics.mean, and what kpis.repository.ts does in SQL with
 * numeric. It depends on no summation order, so SQL and this reference agree to the last bit. `n` defaults to the
 * number of values (costs divide by the families, not by the interventions); null when n is 0.
 */
export function exactMean(values: readonly number[], n: number = values.length): number | null {
  if (n === 0) return null;
  let total = 0n;
  for (const v of values) total += exactUnits(v);
  const negative = total < 0n;
  const scaled = ((negative ? -total : total) * 10n ** MEAN_DIGITS) / (BigInt(n) << MIN_EXPONENT);
  const digits = scaled.toString().padStart(Number(MEAN_DIGITS) + 1, '0');
  const text = `${digits.slice(0, -Number(MEAN_DIGITS))}.${digits.slice(-Number(MEAN_DIGITS))}`;
  return (negative ? -1 : 1) * Number(text);
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The members of a family with a role, once per person. */
function membersWith(f: KpiFamily, role: KpiMember['role']): KpiMember[] {
  const seen = new Set<string>();
  return f.members.filter((m) => m.role === role && !seen.has(m.personId) && seen.add(m.personId));
}

type Enrolled = KpiFamily & { enrolledAt: IsoDate };

function goalProgress(families: Enrolled[], input: KpiInput, asOf: IsoDate) {
  const ratingsByFamily = groupBy(
    input.goalRatings.filter((r) => r.respondent === 'family' && r.date <= asOf),
    (r) => r.familyId,
  );
  let n = 0;
  let closer = 0;
  for (const f of families) {
    const changes: number[] = [];
    for (const ratings of groupBy(ratingsByFamily.get(f.id) ?? [], (r) => r.goalId).values()) {
      const byDate = groupBy(ratings, (r) => r.date);
      if (byDate.size < 2) continue;
      const dates = [...byDate.keys()].sort();
      const dayMean = (d: IsoDate) => {
        const values = byDate.get(d)!.map((r) => r.value);
        return sum(values) / values.length;
      };
      changes.push(dayMean(dates[dates.length - 1]!) - dayMean(dates[0]!));
    }
    if (changes.length === 0) continue;
    n += 1;
    if (sum(changes) / changes.length > CLOSER_EPSILON) closer += 1;
  }
  return { n, closer, share: share(closer, n) };
}

function selfSupport(families: Enrolled[], input: KpiInput, asOf: IsoDate, sex: 'female' | 'male' | null) {
  const periods = groupBy(input.supportPeriods, (p) => p.personId);
  const statusOn = (personId: string, d: IsoDate): SupportStatus | null => {
    const p = (periods.get(personId) ?? []).find((s) => covers(s, d));
    return p && p.status !== 'unknown' ? p.status : null;
  };
  let n = 0;
  let baseline = 0;
  let followUp = 0;
  for (const f of families) {
    const followUpDate = addMonths(f.enrolledAt, 24);
    if (followUpDate > asOf) continue;
    for (const m of membersWith(f, 'parent')) {
      if (sex !== null && m.sex !== sex) continue;
      const atStart = statusOn(m.personId, f.enrolledAt);
      const atFollowUp = statusOn(m.personId, followUpDate);
      if (atStart === null || atFollowUp === null) continue;
      n += 1;
      if (isSelfSupporting(atStart, input.publicSupport)) baseline += 1;
      if (isSelfSupporting(atFollowUp, input.publicSupport)) followUp += 1;
    }
  }
  return { n, baseline, followUp, baselineShare: share(baseline, n), followUpShare: share(followUp, n) };
}

function childrenOutOfSystem(families: Enrolled[], input: KpiInput, asOf: IsoDate) {
  const periods = groupBy(input.childWelfare, (p) => p.personId);
  let n = 0;
  let out = 0;
  for (const f of families) {
    if (addMonths(f.enrolledAt, 24) > asOf) continue;
    for (const c of membersWith(f, 'child')) {
      const own = periods.get(c.personId) ?? [];
      const overlapping = own.filter((p) => p.from <= asOf && (p.to === null || p.to >= f.enrolledAt));
      if (overlapping.length === 0) continue;
      n += 1;
      if (!own.some((p) => covers(p, asOf))) out += 1;
    }
  }
  return { n, out, share: share(out, n) };
}

function duration(families: Enrolled[], asOf: IsoDate) {
  const days = families
    .filter((f) => f.completedAt !== null && f.completedAt <= asOf)
    .map((f) => daysBetween(f.enrolledAt, f.completedAt!))
    .sort((a, b) => a - b);
  const n = days.length;
  if (n === 0) return { n, meanMonths: null, medianMonths: null };
  const mid = Math.floor(n / 2);
  const medianDays = n % 2 === 1 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  return { n, meanMonths: sum(days) / n / DURATION_DAYS_PER_MONTH, medianMonths: medianDays / DURATION_DAYS_PER_MONTH };
}

/** Children in families enrolled ≥ 12 months before T, and events dated in the 12 months before / from enrolment. */
function beforeAfter(families: Enrolled[], asOf: IsoDate, events: { personId: string; date: IsoDate }[]) {
  const byPerson = groupBy(events, (e) => e.personId);
  let n = 0;
  let before = 0;
  let after = 0;
  for (const f of families) {
    const end = addMonths(f.enrolledAt, 12);
    if (end > asOf) continue;
    const start = addMonths(f.enrolledAt, -12);
    for (const c of membersWith(f, 'child')) {
      n += 1;
      for (const e of byPerson.get(c.personId) ?? []) {
        if (e.date >= start && e.date < f.enrolledAt) before += 1;
        else if (e.date >= f.enrolledAt && e.date < end) after += 1;
      }
    }
  }
  return { n, before, after };
}

function schoolAbsence(families: Enrolled[], input: KpiInput, asOf: IsoDate) {
  const records = groupBy(input.schoolAttendance, (r) => r.personId);
  const latest = <T extends { from: IsoDate; to: IsoDate }>(rs: T[]): T | undefined =>
    [...rs].sort((a, b) => (a.to === b.to ? (a.from < b.from ? 1 : a.from > b.from ? -1 : 0) : a.to < b.to ? 1 : -1))[0];
  const before: number[] = [];
  const latestValues: number[] = [];
  for (const f of families) {
    for (const c of membersWith(f, 'child')) {
      const own = records.get(c.personId) ?? [];
      const b = latest(own.filter((r) => r.to < f.enrolledAt));
      const l = latest(own.filter((r) => r.from >= f.enrolledAt && r.to <= asOf));
      if (!b || !l) continue;
      before.push(b.absencePercent);
      latestValues.push(l.absencePercent);
    }
  }
  const n = before.length;
  return { n, beforeMean: exactMean(before), latestMean: exactMean(latestValues) };
}

function costs(families: Enrolled[], input: KpiInput, asOf: IsoDate) {
  const byFamily = groupBy(input.interventions, (i) => i.familyId);
  let n = 0;
  const before: number[] = [];
  const during: number[] = [];
  for (const f of families) {
    const end = addMonths(f.enrolledAt, 12);
    if (end > asOf) continue;
    const start = addMonths(f.enrolledAt, -12);
    n += 1;
    for (const i of byFamily.get(f.id) ?? []) {
      before.push(costInWindow(i, start, f.enrolledAt));
      during.push(costInWindow(i, f.enrolledAt, end));
    }
  }
  return { n, beforeMean: exactMean(before, n), duringMean: exactMean(during, n) };
}

/** Every KPI of DESIGN.md's table as of T, read literally from the definitions. */
export function referenceKpis(input: KpiInput, asOf: IsoDate): KpiNumbers {
  const enrolled = input.families.filter((f): f is Enrolled => f.enrolledAt !== null && f.enrolledAt <= asOf);
  const isCompleted = (f: KpiFamily) => f.completedAt !== null && f.completedAt <= asOf;
  const completed = enrolled.filter(isCompleted);
  const active = enrolled.filter((f) => !isCompleted(f) && !(f.withdrawnAt !== null && f.withdrawnAt <= asOf));
  const investigations = input.childWelfare.filter((p) => p.kind === 'investigation').map((p) => ({ personId: p.personId, date: p.from }));
  return {
    asOf,
    families: { enrolled: enrolled.length, active: active.length, completed: completed.length },
    goalProgress: { all: goalProgress(enrolled, input, asOf), completed: goalProgress(completed, input, asOf) },
    selfSupport: {
      all: selfSupport(enrolled, input, asOf, null),
      mothers: selfSupport(enrolled, input, asOf, 'female'),
      fathers: selfSupport(enrolled, input, asOf, 'male'),
    },
    childrenOutOfSystem: childrenOutOfSystem(enrolled, input, asOf),
    duration: duration(enrolled, asOf),
    concernReports: beforeAfter(enrolled, asOf, input.concernReports),
    investigations: beforeAfter(enrolled, asOf, investigations),
    schoolAbsence: schoolAbsence(enrolled, input, asOf),
    costs: costs(enrolled, input, asOf),
  };
}

/** A helhed-exchange document as KPI input: refs become ids (a person ref names one person across the file). */
export function kpiInputFromExchange(doc: ExchangeDocument, publicSupport: readonly SupportStatus[]): KpiInput {
  const input: KpiInput = {
    publicSupport,
    families: [],
    goalRatings: [],
    supportPeriods: [],
    childWelfare: [],
    concernReports: [],
    schoolAttendance: [],
    interventions: [],
  };
  for (const f of doc.families) {
    input.families.push({
      id: f.ref,
      enrolledAt: f.enrolledAt ?? null,
      completedAt: f.completedAt ?? null,
      withdrawnAt: f.withdrawnAt ?? null,
      members: f.members.map((m) => ({ personId: m.ref, role: m.role, sex: m.sex })),
    });
    for (const g of f.goals ?? [])
      for (const r of g.ratings ?? []) input.goalRatings.push({ familyId: f.ref, goalId: g.ref, date: r.date, value: r.value, respondent: r.by });
    for (const s of f.supportStatus ?? []) input.supportPeriods.push({ personId: s.person, status: s.status, from: s.from, to: s.to ?? null });
    for (const w of f.childWelfare ?? []) input.childWelfare.push({ personId: w.person, kind: w.kind, from: w.from, to: w.to ?? null });
    for (const c of f.concernReports ?? []) input.concernReports.push({ personId: c.person, date: c.date });
    for (const a of f.schoolAttendance ?? []) input.schoolAttendance.push({ personId: a.person, from: a.from, to: a.to, absencePercent: a.absencePercent });
    for (const i of f.interventions ?? [])
      input.interventions.push({ familyId: f.ref, from: i.from, to: i.to ?? null, price: i.price, hoursPerWeek: i.hoursPerWeek ?? null });
  }
  return input;
}

const Count = z.number().int().min(0).nullable();
const Value = z.number().nullable();
const GoalProgressDto = z.object({ n: Count, closer: Count, share: Value });
const SelfSupportDto = z.object({ n: Count, baseline: Count, followUp: Count, baselineShare: Value, followUpShare: Value });
const BeforeAfterDto = z.object({ n: Count, before: Count, after: Count });

/**
 * GET /evaluation/kpis and `helhed kpis --json`: DESIGN.md's keys in the shape of exchange/example.kpis.json. Counts
 * are null only where the small-count rule hides them from a manager (the answer then carries the header
 * `x-helhed-small-counts: hidden`); analysts and the CLI get every number.
 */
export const KpisDto = z.object({
  asOf: IsoDateSchema,
  families: z.object({ enrolled: Count, active: Count, completed: Count }),
  goalProgress: z.object({ all: GoalProgressDto, completed: GoalProgressDto }),
  selfSupport: z.object({ all: SelfSupportDto, mothers: SelfSupportDto, fathers: SelfSupportDto }),
  childrenOutOfSystem: z.object({ n: Count, out: Count, share: Value }),
  duration: z.object({ n: Count, meanMonths: Value, medianMonths: Value }),
  concernReports: BeforeAfterDto,
  investigations: BeforeAfterDto,
  schoolAbsence: z.object({ n: Count, beforeMean: Value, latestMean: Value }),
  costs: z.object({ n: Count, beforeMean: Value, duringMean: Value }),
});
export type KpisDto = z.infer<typeof KpisDto>;

/** The KPIs as shown to someone who may not see small counts, in the API's shape: "<5" becomes null, the flags go. */
export function kpisWithHiddenCounts(shown: ShownKpis): KpisDto {
  const strip = (group: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(group)
        .filter(([key]) => key !== 'suppressed')
        .map(([key, value]) => [key, value === SMALL_COUNT ? null : value !== null && typeof value === 'object' ? strip(value as Record<string, unknown>) : value]),
    );
  return KpisDto.parse(strip(shown as unknown as Record<string, unknown>));
}
