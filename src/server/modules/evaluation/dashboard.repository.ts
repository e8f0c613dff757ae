import { sql, type SQL } from 'drizzle-orm';
import { sortedByDanishName } from '../../../shared/danish-order.js';
import type { IsoDate } from '../../../shared/dates.js';
import { CLOSER_EPSILON } from '../../../shared/kpis.js';
import type { SupportStatus } from '../../../shared/measurements.js';
import type { Tx } from '../../db/client.js';

/**
 * The evaluation dashboard's reporting queries: set-based SQL, one statement per figure, with no business rules
 * beyond DESIGN.md's definitions. Counts come back exact; the service applies the small-count rule.
 */

/** Quarter label of a date column, e.g. "2019-Q3". */
const quarterOf = (column: SQL) => sql`to_char(${column}, 'YYYY-"Q"Q')`;

/** `status in (…)` for the municipality's public-support set (false when the set is empty). */
function inPublicSupport(column: SQL, publicSupport: readonly SupportStatus[]): SQL {
  if (publicSupport.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    publicSupport.map((s) => sql`${s}`),
    sql`, `,
  )})`;
}

/** Families enrolled by T with their enrolment quarter (a CTE body). */
function enrolledFamilies(municipalityId: string, asOf: IsoDate): SQL {
  return sql`
    select f.id, f.enrolled_at as enrolled, f.completed_at as completed, ${quarterOf(sql`f.enrolled_at`)} as quarter
    from family f
    where f.municipality_id = ${municipalityId} and f.enrolled_at is not null and f.enrolled_at <= ${asOf}::date`;
}

export interface CohortFamiliesRow {
  quarter: string;
  enrolled: number;
  completed: number;
  [key: string]: unknown;
}

/** Families enrolled by T per enrolment quarter, and how many of them had completed by T. */
export async function countFamiliesByQuarter(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<CohortFamiliesRow[]> {
  const res = await tx.execute<CohortFamiliesRow>(sql`
    with fam as (${enrolledFamilies(municipalityId, asOf)})
    select quarter, count(*)::int as enrolled, (count(*) filter (where completed <= ${asOf}::date))::int as completed
    from fam group by quarter order by quarter`);
  return res.rows;
}

export interface CohortGoalProgressRow {
  quarter: string;
  n: number;
  closer: number;
  [key: string]: unknown;
}

/**
 * goalProgress per enrolment quarter: a goal qualifies with family ratings on two distinct dates ≤ T; its change is
 * the latest date's mean minus the earliest date's; a family is closer when the mean change over its goals is > 0.
 */
export async function goalProgressByQuarter(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<CohortGoalProgressRow[]> {
  const res = await tx.execute<CohortGoalProgressRow>(sql`
    with fam as (${enrolledFamilies(municipalityId, asOf)}),
    goal_day as (
      select r.family_id, r.goal_id, r.date, avg(r.value::numeric) as mean
      from goal_rating r join fam on fam.id = r.family_id
      where r.municipality_id = ${municipalityId} and r.respondent = 'family' and r.date <= ${asOf}::date
      group by r.family_id, r.goal_id, r.date
    ),
    goal_change as (
      select family_id, (array_agg(mean order by date desc))[1] - (array_agg(mean order by date))[1] as change
      from goal_day group by family_id, goal_id having count(*) >= 2
    ),
    family_progress as (select family_id, avg(change) as progress from goal_change group by family_id)
    select fam.quarter, count(*)::int as n, (count(*) filter (where p.progress > ${CLOSER_EPSILON}))::int as closer
    from family_progress p join fam on fam.id = p.family_id
    group by fam.quarter order by fam.quarter`);
  return res.rows;
}

export interface CohortSelfSupportRow {
  quarter: string;
  n: number;
  baseline: number;
  followUp: number;
  [key: string]: unknown;
}

/**
 * selfSupport.all per enrolment quarter: parents of families enrolled ≥ 24 months before T whose status is known
 * at enrolment and 24 months later; self-supporting = known and not public support. Periods of one person never
 * overlap, so each date matches at most one period.
 */
export async function selfSupportByQuarter(
  tx: Tx,
  municipalityId: string,
  asOf: IsoDate,
  publicSupport: readonly SupportStatus[],
): Promise<CohortSelfSupportRow[]> {
  const res = await tx.execute<CohortSelfSupportRow>(sql`
    with fam as (${enrolledFamilies(municipalityId, asOf)}),
    parent as (
      select fam.quarter, fm.person_id, fam.enrolled as start_date, (fam.enrolled + interval '24 months')::date as follow_up
      from fam join family_member fm on fm.municipality_id = ${municipalityId} and fm.family_id = fam.id and fm.role = 'parent'
      where (fam.enrolled + interval '24 months')::date <= ${asOf}::date
    ),
    status as (
      select p.quarter, s0.status as at_start, s1.status as at_follow_up
      from parent p
      join support_status_period s0 on s0.municipality_id = ${municipalityId} and s0.person_id = p.person_id
        and s0."from" <= p.start_date and (s0."to" is null or p.start_date <= s0."to")
      join support_status_period s1 on s1.municipality_id = ${municipalityId} and s1.person_id = p.person_id
        and s1."from" <= p.follow_up and (s1."to" is null or p.follow_up <= s1."to")
      where s0.status <> 'unknown' and s1.status <> 'unknown'
    )
    select quarter, count(*)::int as n,
      (count(*) filter (where not ${inPublicSupport(sql`at_start`, publicSupport)}))::int as baseline,
      (count(*) filter (where not ${inPublicSupport(sql`at_follow_up`, publicSupport)}))::int as "followUp"
    from status group by quarter order by quarter`);
  return res.rows;
}

export interface CohortChildrenRow {
  quarter: string;
  n: number;
  out: number;
  [key: string]: unknown;
}

/**
 * childrenOutOfSystem per enrolment quarter: children of families enrolled ≥ 24 months before T with a
 * child-welfare period overlapping [enrolment, T]; out = none of their periods covers T.
 */
export async function childrenOutByQuarter(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<CohortChildrenRow[]> {
  const res = await tx.execute<CohortChildrenRow>(sql`
    with fam as (${enrolledFamilies(municipalityId, asOf)}),
    child as (
      select fam.quarter, fm.person_id,
        bool_or(w.id is not null) as had_period,
        bool_or(w."to" is null or w."to" >= ${asOf}::date) filter (where w.id is not null) as in_system_at_t
      from fam
      join family_member fm on fm.municipality_id = ${municipalityId} and fm.family_id = fam.id and fm.role = 'child'
      left join child_welfare_period w on w.municipality_id = ${municipalityId} and w.person_id = fm.person_id
        and w."from" <= ${asOf}::date and (w."to" is null or w."to" >= fam.enrolled)
      where (fam.enrolled + interval '24 months')::date <= ${asOf}::date
      group by fam.quarter, fm.family_id, fm.person_id
    )
    select quarter, count(*)::int as n, (count(*) filter (where not in_system_at_t))::int as out
    from child where had_period group by quarter order by quarter`);
  return res.rows;
}

export interface DepartmentCostRow {
  department_id: string;
  department_name: string;
  n: number;
  families: number;
  before_total: number;
  during_total: number;
  [key: string]: unknown;
}

/**
 * Cost of each department's interventions to the families enrolled ≥ 12 months before T, in the 12 months before
 * enrolment and the 12 months from it, with DESIGN.md's arithmetic (src/shared/cost.ts): price × units inside the
 * overlap, days inclusive; a one-off counts when it starts in the window. Totals; the service divides by n.
 */
export async function costsByDepartment(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<DepartmentCostRow[]> {
  const res = await tx.execute<DepartmentCostRow>(sql`
    with cohort as (
      select f.id, f.enrolled_at as enrolled from family f
      where f.municipality_id = ${municipalityId} and f.enrolled_at is not null
        and (f.enrolled_at + interval '12 months')::date <= ${asOf}::date
    ),
    window_ as (
      select id as family_id, 'before' as kind, (enrolled - interval '12 months')::date as starts, enrolled as ends_before from cohort
      union all
      select id, 'during', enrolled, (enrolled + interval '12 months')::date from cohort
    ),
    overlap as (
      select i.department_id, w.family_id, w.kind, i.price_per, i.price_amount, coalesce(i.hours_per_week, 0) as hours_per_week,
        i."from" >= w.starts as starts_inside,
        (least(coalesce(i."to", w.ends_before - 1), w.ends_before - 1) - greatest(i."from", w.starts) + 1)::float8 as days
      from window_ w
      join intervention i on i.municipality_id = ${municipalityId} and i.family_id = w.family_id
        and i."from" < w.ends_before and (i."to" is null or i."to" >= w.starts)
    ),
    cost as (
      select department_id, family_id, kind,
        case price_per
          when 'once' then case when starts_inside then price_amount else 0 end
          when 'day' then price_amount * days
          when 'week' then price_amount * (days / 7)
          when 'month' then price_amount * (days / 30.4375)
          when 'year' then price_amount * (days / 365.25)
          when 'hour' then price_amount * hours_per_week * (days / 7)
        end as amount
      from overlap
    )
    select d.id as department_id, d.name as department_name,
      (select count(*) from cohort)::int as n,
      (count(distinct c.family_id) filter (where c.amount > 0))::int as families,
      coalesce(sum(c.amount) filter (where c.kind = 'before'), 0)::float8 as before_total,
      coalesce(sum(c.amount) filter (where c.kind = 'during'), 0)::float8 as during_total
    from cost c join department d on d.municipality_id = ${municipalityId} and d.id = c.department_id
    group by d.id, d.name
    order by d.name, d.id`);
  return sortedByDanishName(res.rows, (r) => r.department_name);
}

export interface RatingTrendRow {
  quarter: string;
  families: number;
  ratings: number;
  mean_rating: number;
  [key: string]: unknown;
}

/** The families' own goal ratings (≤ T, families enrolled by T) per quarter of the rating date: the mean of each family's mean. */
export async function ratingTrend(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<RatingTrendRow[]> {
  const res = await tx.execute<RatingTrendRow>(sql`
    with fam as (${enrolledFamilies(municipalityId, asOf)}),
    family_quarter as (
      select r.family_id, ${quarterOf(sql`r.date`)} as quarter, avg(r.value::float8) as mean, count(*) as ratings
      from goal_rating r join fam on fam.id = r.family_id
      where r.municipality_id = ${municipalityId} and r.respondent = 'family' and r.date <= ${asOf}::date
      group by r.family_id, ${quarterOf(sql`r.date`)}
    )
    select quarter, count(*)::int as families, sum(ratings)::int as ratings, avg(mean)::float8 as mean_rating
    from family_quarter group by quarter order by quarter`);
  return res.rows;
}

export interface ExperienceItemRow {
  item: string;
  families: number;
  answers: number;
  mean: number | null;
  [key: string]: unknown;
}

/** The experience questionnaire answered by T: per item, how many answered (families, questionnaires) and the mean (1–5). */
export async function experienceMeans(tx: Tx, municipalityId: string, asOf: IsoDate, items: readonly string[]): Promise<ExperienceItemRow[]> {
  const res = await tx.execute<ExperienceItemRow>(sql`
    with item as (select unnest(array[${sql.join(
      items.map((i) => sql`${i}`),
      sql`, `,
    )}]::text[]) as item)
    select item.item, count(distinct a.family_id)::int as families, count(a.id)::int as answers, avg((a.answers ->> item.item)::float8) as mean
    from item
    left join assessment a on a.municipality_id = ${municipalityId} and a.instrument = 'experience'
      and a.date <= ${asOf}::date and a.answers ->> item.item is not null
    group by item.item`);
  return res.rows;
}
