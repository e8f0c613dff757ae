import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../shared/dates.js';
import { CLOSER_EPSILON, DURATION_DAYS_PER_MONTH } from '../../../shared/kpis.js';
import type { SupportStatus } from '../../../shared/measurements.js';
import type { Tx } from '../../db/client.js';

/**
 * DESIGN.md's KPI table in SQL: one set-based statement per KPI group, every one over the municipality's families
 * enrolled by T. The pure reference (src/shared/kpis.ts) reads the same definitions literally; property tests
 * require both to agree to the last bit. Means of measured values (absence, costs) are exact means of the doubles
 * (exactMean in the reference): each float8 taken at its exact binary value as numeric, summed exactly, divided and
 * rounded to float8 once, so no summation order can change a digit.
 *
 * `d + interval 'N months'` is PostgreSQL's calendar arithmetic with the day clamped to the month's end, which is
 * DESIGN.md's rule (2016-08-31 + 6 months = 2017-02-28).
 */

const plusMonths = (column: SQL, months: number) => sql`(${column} + ${sql.raw(`interval '${months} months'`)})::date`;

/** 2^-104 exactly. */
const TWO_POW_MINUS_104 = '0.00000000000000000000000000000004930380657631323783823303533017413935457540219431393779814243316650390625';

/**
 * Lateral joins that split the float8 `value` exactly into integer chunks: `i0` its integer part and `c1`…`c4` four
 * 26-bit chunks of its fraction (scaling by a power of two and subtracting the integer part are exact in float8).
 * value = i0 + (((c1·2^26 + c2)·2^26 + c3)·2^26 + c4)·2^-104 exactly, for every |value| ≥ 2^-52 below 2^63.
 */
function exactChunks(value: SQL): SQL {
  const chunk = sql.raw('67108864::float8'); // 2^26
  return sql`
    cross join lateral (select trunc(${value})::bigint as i0, (${value} - trunc(${value})) * ${chunk} as r1) x1
    cross join lateral (select trunc(r1)::bigint as c1, (r1 - trunc(r1)) * ${chunk} as r2) x2
    cross join lateral (select trunc(r2)::bigint as c2, (r2 - trunc(r2)) * ${chunk} as r3) x3
    cross join lateral (select trunc(r3)::bigint as c3, trunc((r3 - trunc(r3)) * ${chunk})::bigint as c4) x4`;
}

/**
 * The exact sum, as numeric, of the values split by exactChunks over the rows matching `where`: each chunk summed
 * as integers (a float8 → numeric cast would round to 15 digits), put together once.
 */
function exactSum(where: SQL): SQL {
  const f = (c: string) => sql`coalesce(sum(${sql.raw(c)}) filter (where ${where}), 0)::numeric`;
  return sql`(${f('i0')} + (((${f('c1')} * 67108864 + ${f('c2')}) * 67108864 + ${f('c3')}) * 67108864 + ${f('c4')}) * ${sql.raw(TWO_POW_MINUS_104)}::numeric)`;
}

/** The exact mean of an exact numeric total over n rows, rounded to float8 once (null when n is 0). */
const exactMeanOf = (total: SQL, n: SQL) => sql`(${total} / nullif(${n}, 0))::float8`;

/** The municipality's families enrolled by T (a CTE body). */
function enrolled(municipalityId: string, asOf: IsoDate): SQL {
  return sql`
    select f.id, f.enrolled_at as enrolled, f.completed_at as completed, f.withdrawn_at as withdrawn
    from family f
    where f.municipality_id = ${municipalityId} and f.enrolled_at is not null and f.enrolled_at <= ${asOf}::date`;
}

/**
 * Members with a role of the families in `fam`, once per person and family (a CTE body); with `sex`, their legal sex
 * (a join with person, which the statements that do not split by sex are spared: every member is a person, by
 * foreign key).
 */
function membersOf(municipalityId: string, role: 'parent' | 'child', opts: { sex?: boolean } = {}): SQL {
  if (!opts.sex) {
    return sql`
      select fam.id as family_id, fam.enrolled, fm.person_id
      from fam
      join family_member fm on fm.municipality_id = ${municipalityId} and fm.family_id = fam.id and fm.role = ${role}`;
  }
  return sql`
    select fam.id as family_id, fam.enrolled, fm.person_id, p.sex
    from fam
    join family_member fm on fm.municipality_id = ${municipalityId} and fm.family_id = fam.id and fm.role = ${role}
    join person p on p.municipality_id = ${municipalityId} and p.id = fm.person_id`;
}

export interface FamilyCountsRow {
  enrolled: number;
  active: number;
  completed: number;
  [key: string]: unknown;
}

export async function familyCounts(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<FamilyCountsRow> {
  const res = await tx.execute<FamilyCountsRow>(sql`
    with fam as (${enrolled(municipalityId, asOf)})
    select count(*)::int as enrolled,
      (count(*) filter (where (completed is null or completed > ${asOf}::date) and (withdrawn is null or withdrawn > ${asOf}::date)))::int as active,
      (count(*) filter (where completed <= ${asOf}::date))::int as completed
    from fam`);
  return res.rows[0]!;
}

export interface GoalProgressRow {
  n: number;
  closer: number;
  completed_n: number;
  completed_closer: number;
  [key: string]: unknown;
}

/**
 * A goal qualifies with family ratings on ≥ 2 distinct dates ≤ T; its change is the latest date's mean minus the
 * earliest's; a family is closer when the mean change over its qualifying goals exceeds CLOSER_EPSILON (zero up to
 * the rounding of means of small integers is no progress). For all enrolled families and for the completed ones.
 */
export async function goalProgress(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<GoalProgressRow> {
  const { covered, ...summed } = (await summedGoalProgress(tx, municipalityId, asOf)).rows[0]!;
  return covered ? summed : goalProgressFromRatings(tx, municipalityId, asOf);
}

/**
 * goalProgress from goal_rating_progress, which the database keeps for every goal (days rated, the earliest and the
 * latest day's sum and count: migration 0013). It holds every rating, so it answers only when none lies after T
 * (`covered`), which is the case as of today.
 */
function summedGoalProgress(tx: Tx, municipalityId: string, asOf: IsoDate) {
  return tx.execute<GoalProgressRow & { covered: boolean }>(sql`
    with goal as (
      select family_id, days, first_sum, first_count, last_date, last_sum, last_count
      from goal_rating_progress where municipality_id = ${municipalityId}
    ),
    goal_change as (
      select family_id, last_sum::numeric / last_count - first_sum::numeric / first_count as change
      from goal where days >= 2
    ),
    fam as (${enrolled(municipalityId, asOf)}),
    family_progress as (
      select g.family_id, avg(g.change) > ${CLOSER_EPSILON} as closer, bool_or(fam.completed <= ${asOf}::date) as completed
      from goal_change g join fam on fam.id = g.family_id
      group by g.family_id
    )
    select count(*)::int as n, (count(*) filter (where closer))::int as closer,
      (count(*) filter (where completed))::int as completed_n, (count(*) filter (where completed and closer))::int as completed_closer,
      (select coalesce(max(last_date) <= ${asOf}::date, true) from goal) as covered
    from family_progress`);
}

/** goalProgress from the ratings themselves, for any T. */
export async function goalProgressFromRatings(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<GoalProgressRow> {
  // Both aggregates stream in the index's order. The planner prices that close to hashing 170,000 goal-days and
  // picks the hash, which takes about twice as long (docs/benchmarks.md), so hash aggregation is off for this
  // statement only and put back as it was.
  const prev = await tx.execute<{ prev: string }>(
    sql`select current_setting('enable_hashagg') as prev, set_config('enable_hashagg', 'off', true)`,
  );
  let res;
  try {
    res = await packedGoalProgress(tx, municipalityId, asOf);
  } finally {
    await tx.execute(sql`select set_config('enable_hashagg', ${prev.rows[0]!.prev}, true)`);
  }
  const { packable, ...row } = res.rows[0]!;
  // A day's ratings the packing cannot hold (more than MAX_PACKED_PER_DAY, or a value outside 0–10 that the API
  // would have refused): the general statement, same definition.
  if (!packable) return goalProgressUnpacked(tx, municipalityId, asOf);
  return row;
}

function packedGoalProgress(tx: Tx, municipalityId: string, asOf: IsoDate) {
  return tx.execute<GoalProgressRow & { packable: boolean }>(sql`
    with goal_day as (
      -- goal, family, date: the order of goal_rating_family_progress_idx, so both aggregates stream from it
      select r.goal_id, r.family_id, r.date, sum(r.value) as s, count(*) as c
      from goal_rating r
      where r.municipality_id = ${municipalityId} and r.respondent = 'family' and r.date <= ${asOf}::date
      group by r.goal_id, r.family_id, r.date
    ),
    goal_bounds as (
      -- key = day × 2^40 + sum × 2^20 + count (integers; a value is 0–10, so sum < 2^20 while count ≤ MAX_PACKED_PER_DAY):
      -- the day decides the order, so min(key) carries the earliest day's sum and count and max(key) the latest's,
      -- in one aggregate of bigints, without sorting and without a numeric per rating.
      select family_id, min(key) as first, max(key) as last, bool_and(packable) as packable
      from (
        select goal_id, family_id, (date - date '2000-01-01')::bigint * ${sql.raw(String(2 ** 40))} + s * ${sql.raw(String(2 ** 20))} + c as key,
          c <= ${sql.raw(String(MAX_PACKED_PER_DAY))} and s between 0 and 10 * c as packable
        from goal_day
      ) k
      group by goal_id, family_id having count(*) >= 2
    ),
    goal_change as (
      select family_id,
        ((last & ${sql.raw(String(2 ** 40 - 1))}) >> 20)::numeric / (last & ${sql.raw(String(2 ** 20 - 1))})
          - ((first & ${sql.raw(String(2 ** 40 - 1))}) >> 20)::numeric / (first & ${sql.raw(String(2 ** 20 - 1))}) as change,
        packable
      from goal_bounds
    ),
    fam as (${enrolled(municipalityId, asOf)}),
    family_progress as (
      select g.family_id, avg(g.change) > ${CLOSER_EPSILON} as closer, bool_or(fam.completed <= ${asOf}::date) as completed,
        bool_and(g.packable) as packable
      from goal_change g join fam on fam.id = g.family_id
      group by g.family_id
    )
    select count(*)::int as n, (count(*) filter (where closer))::int as closer,
      (count(*) filter (where completed))::int as completed_n, (count(*) filter (where completed and closer))::int as completed_closer,
      coalesce(bool_and(packable), true) as packable
    from family_progress`);
}

/** Most family ratings of one goal on one day goalProgress packs into a bigint (10 × this < 2^20). */
export const MAX_PACKED_PER_DAY = 100_000;

/** goalProgress for any number of ratings per day: each day's mean as numeric, keyed by day × 100 + mean. */
export async function goalProgressUnpacked(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<GoalProgressRow> {
  const res = await tx.execute<GoalProgressRow>(sql`
    with fam as (${enrolled(municipalityId, asOf)}),
    goal_day as (
      select r.family_id, r.goal_id, r.date, sum(r.value)::numeric / count(*) as mean
      from goal_rating r join fam on fam.id = r.family_id
      where r.municipality_id = ${municipalityId} and r.respondent = 'family' and r.date <= ${asOf}::date
      group by r.family_id, r.goal_id, r.date
    ),
    goal_change as (
      -- One mean per goal and day, so keyed = day number × 100 + mean (a mean is 0–10) orders a goal's days by date:
      -- min(keyed) is the earliest day's, max(keyed) the latest's, exactly, in one hash aggregate without sorting.
      select family_id,
        (max(keyed) - max(day) * 100) - (min(keyed) - min(day) * 100) as change
      from (select family_id, goal_id, (date - date '2000-01-01') as day, (date - date '2000-01-01') * 100 + mean as keyed from goal_day) k
      group by family_id, goal_id having count(*) >= 2
    ),
    family_progress as (
      select g.family_id, avg(g.change) > ${CLOSER_EPSILON} as closer, bool_or(fam.completed <= ${asOf}::date) as completed
      from goal_change g join fam on fam.id = g.family_id
      group by g.family_id
    )
    select count(*)::int as n, (count(*) filter (where closer))::int as closer,
      (count(*) filter (where completed))::int as completed_n, (count(*) filter (where completed and closer))::int as completed_closer
    from family_progress`);
  return res.rows[0]!;
}

export interface SelfSupportRow {
  sex: string;
  n: number;
  baseline: number;
  follow_up: number;
  [key: string]: unknown;
}

/**
 * Parents of families enrolled ≥ 24 months before T whose status is known (a period with a status other than
 * `unknown` covers the date) at enrolment and 24 months later, per sex; self-supporting = not in the public-support
 * set. Periods of one person never overlap, so a date matches at most one period.
 */
export async function selfSupportBySex(tx: Tx, municipalityId: string, asOf: IsoDate, publicSupport: readonly SupportStatus[]): Promise<SelfSupportRow[]> {
  const isPublic = (column: SQL) =>
    publicSupport.length === 0
      ? sql`false`
      : sql`${column} in (${sql.join(
          publicSupport.map((s) => sql`${s}`),
          sql`, `,
        )})`;
  const res = await tx.execute<SelfSupportRow>(sql`
    with fam as (${enrolled(municipalityId, asOf)}),
    parent as (
      select m.person_id, m.sex, m.enrolled as start_date, ${plusMonths(sql`m.enrolled`, 24)} as follow_up
      from (${membersOf(municipalityId, 'parent', { sex: true })}) m
      where ${plusMonths(sql`m.enrolled`, 24)} <= ${asOf}::date
    ),
    status as (
      select p.sex, s0.status as at_start, s1.status as at_follow_up
      from parent p
      join support_status_period s0 on s0.municipality_id = ${municipalityId} and s0.person_id = p.person_id
        and s0."from" <= p.start_date and (s0."to" is null or p.start_date <= s0."to")
      join support_status_period s1 on s1.municipality_id = ${municipalityId} and s1.person_id = p.person_id
        and s1."from" <= p.follow_up and (s1."to" is null or p.follow_up <= s1."to")
      where s0.status <> 'unknown' and s1.status <> 'unknown'
    )
    select sex, count(*)::int as n,
      (count(*) filter (where not ${isPublic(sql`at_start`)}))::int as baseline,
      (count(*) filter (where not ${isPublic(sql`at_follow_up`)}))::int as follow_up
    from status group by sex`);
  return res.rows;
}

export interface ChildrenOutRow {
  n: number;
  out: number;
  [key: string]: unknown;
}

/** Children of families enrolled ≥ 24 months before T with a child-welfare period overlapping [enrolment, T]; out = none covers T. */
export async function childrenOutOfSystem(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<ChildrenOutRow> {
  const res = await tx.execute<ChildrenOutRow>(sql`
    with fam as (${enrolled(municipalityId, asOf)}),
    child as (
      select m.person_id, bool_or(w."to" is null or w."to" >= ${asOf}::date) as in_system_at_t
      from (${membersOf(municipalityId, 'child')}) m
      join child_welfare_period w on w.municipality_id = ${municipalityId} and w.person_id = m.person_id
        and w."from" <= ${asOf}::date and (w."to" is null or w."to" >= m.enrolled)
      where ${plusMonths(sql`m.enrolled`, 24)} <= ${asOf}::date
      group by m.family_id, m.person_id
    )
    select count(*)::int as n, (count(*) filter (where not in_system_at_t))::int as out from child`);
  return res.rows[0]!;
}

export interface DurationRow {
  n: number;
  mean_months: number | null;
  median_months: number | null;
  [key: string]: unknown;
}

/** Completed families: months = days from enrolment to completion / 30.4375; mean and median. */
export async function duration(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<DurationRow> {
  const res = await tx.execute<DurationRow>(sql`
    with fam as (${enrolled(municipalityId, asOf)}),
    done as (select (completed - enrolled) as days from fam where completed <= ${asOf}::date)
    select count(*)::int as n,
      (sum(days)::float8 / nullif(count(*), 0)) / ${DURATION_DAYS_PER_MONTH}::float8 as mean_months,
      (percentile_cont(0.5) within group (order by days)) / ${DURATION_DAYS_PER_MONTH}::float8 as median_months
    from done`);
  return res.rows[0]!;
}

export interface BeforeAfterRow {
  n: number;
  concern_before: number;
  concern_after: number;
  investigation_before: number;
  investigation_after: number;
  [key: string]: unknown;
}

/**
 * Children of families enrolled ≥ 12 months before T: concern reports by date and investigation periods by their
 * `from`, in [enrolment − 12 months, enrolment) and [enrolment, enrolment + 12 months). Totals over the children.
 */
export async function concernsAndInvestigations(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<BeforeAfterRow> {
  const res = await tx.execute<BeforeAfterRow>(sql`
    with fam as (${enrolled(municipalityId, asOf)}),
    child as (
      select m.family_id, m.person_id, m.enrolled, ${plusMonths(sql`m.enrolled`, -12)} as starts, ${plusMonths(sql`m.enrolled`, 12)} as ends
      from (${membersOf(municipalityId, 'child')}) m
      where ${plusMonths(sql`m.enrolled`, 12)} <= ${asOf}::date
    ),
    event as (
      select c.person_id, c.family_id, 'concern' as kind, r.date >= c.enrolled as after
      from child c join concern_report r on r.municipality_id = ${municipalityId} and r.person_id = c.person_id
        and r.date >= c.starts and r.date < c.ends
      union all
      select c.person_id, c.family_id, 'investigation', w."from" >= c.enrolled
      from child c join child_welfare_period w on w.municipality_id = ${municipalityId} and w.person_id = c.person_id
        and w.kind = 'investigation' and w."from" >= c.starts and w."from" < c.ends
    )
    select (select count(*) from child)::int as n,
      (count(*) filter (where kind = 'concern' and not after))::int as concern_before,
      (count(*) filter (where kind = 'concern' and after))::int as concern_after,
      (count(*) filter (where kind = 'investigation' and not after))::int as investigation_before,
      (count(*) filter (where kind = 'investigation' and after))::int as investigation_after
    from event`);
  return res.rows[0]!;
}

export interface SchoolAbsenceRow {
  n: number;
  before_mean: number | null;
  latest_mean: number | null;
  [key: string]: unknown;
}

/**
 * Children of enrolled families with a record ending before enrolment and one starting on or after it and ending
 * ≤ T; the latest of each kind (latest end, then latest start); the means of their absence percentages.
 */
export async function schoolAbsence(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<SchoolAbsenceRow> {
  const res = await tx.execute<SchoolAbsenceRow>(sql`
    with fam as (${enrolled(municipalityId, asOf)}),
    child as (${membersOf(municipalityId, 'child')}),
    -- Every record of the children that ends before enrolment or lies in [enrolment, T], in one join (an index
    -- look-up per child and kind took twice as long); then the latest of each kind per child, by end, then start.
    record as (
      select c.family_id, c.person_id, a."to" < c.enrolled as is_before, a."to", a."from", a.absence_percent
      from child c
      join school_attendance a on a.municipality_id = ${municipalityId} and a.person_id = c.person_id
      where a."to" < c.enrolled or (a."from" >= c.enrolled and a."to" <= ${asOf}::date)
    ),
    pick as materialized (
      select distinct on (family_id, person_id, is_before) family_id, person_id, is_before, absence_percent
      from record
      order by family_id, person_id, is_before, "to" desc, "from" desc
    ),
    pair as (
      select b.absence_percent::float8 as before, l.absence_percent::float8 as latest
      from pick b join pick l on l.family_id = b.family_id and l.person_id = b.person_id and not l.is_before
      where b.is_before
    ),
    value as (
      select false as latest, before as value from pair
      union all
      select true, latest from pair
    ),
    total as (
      select ${exactSum(sql`not latest`)} as before, ${exactSum(sql`latest`)} as latest
      from value ${exactChunks(sql`value.value`)}
    )
    select (select count(*) from pair)::int as n,
      ${exactMeanOf(sql`total.before`, sql`(select count(*) from pair)`)} as before_mean,
      ${exactMeanOf(sql`total.latest`, sql`(select count(*) from pair)`)} as latest_mean
    from total`);
  return res.rows[0]!;
}

export interface CostsRow {
  n: number;
  before_mean: number | null;
  during_mean: number | null;
  [key: string]: unknown;
}

/**
 * Families enrolled ≥ 12 months before T: the cost of all their interventions in the 12 months before enrolment and
 * the 12 months from it (src/shared/cost.ts's arithmetic: price × units inside the overlap, days inclusive; a
 * one-off when it starts in the window), summed exactly as numeric; the means per family.
 */
export async function costs(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<CostsRow> {
  const res = await tx.execute<CostsRow>(sql`
    with cohort as (
      select f.id, f.enrolled_at as enrolled from family f
      where f.municipality_id = ${municipalityId} and f.enrolled_at is not null
        and ${plusMonths(sql`f.enrolled_at`, 12)} <= ${asOf}::date
    ),
    window_ as (
      select id as family_id, false as during, ${plusMonths(sql`enrolled`, -12)} as starts, enrolled as ends_before from cohort
      union all
      select id, true, enrolled, ${plusMonths(sql`enrolled`, 12)} from cohort
    ),
    overlap as (
      select w.during, i.price_per, i.price_amount as amount, coalesce(i.hours_per_week, 0) as hours_per_week,
        i."from" >= w.starts as starts_inside,
        (least(coalesce(i."to", w.ends_before - 1), w.ends_before - 1) - greatest(i."from", w.starts) + 1)::float8 as days
      from window_ w
      join intervention i on i.municipality_id = ${municipalityId} and i.family_id = w.family_id
        and i."from" < w.ends_before and (i."to" is null or i."to" >= w.starts)
    ),
    cost as materialized (
      -- float8 in the same operations as costInWindow (src/shared/cost.ts), so every value is the reference's double
      select during,
        case price_per
          when 'once' then case when starts_inside then amount else 0 end
          when 'day' then amount * days
          when 'week' then amount * (days / 7)
          when 'month' then amount * (days / 30.4375)
          when 'year' then amount * (days / 365.25)
          when 'hour' then amount * hours_per_week * (days / 7)
        end as value
      from overlap
    ),
    total as (
      select ${exactSum(sql`not during`)} as before, ${exactSum(sql`during`)} as during
      from cost ${exactChunks(sql`cost.value`)}
    )
    select (select count(*) from cohort)::int as n,
      ${exactMeanOf(sql`total.before`, sql`(select count(*) from cohort)`)} as before_mean,
      ${exactMeanOf(sql`total.during`, sql`(select count(*) from cohort)`)} as during_mean
    from total`);
  return res.rows[0]!;
}
