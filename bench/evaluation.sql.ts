/**
 * ONE hand-written SQL statement that computes every number of kpisOfMunicipality (DESIGN.md's KPI table, as
 * src/server/modules/evaluation/kpis.repository.ts defines it) for one municipality as of T, returning one row.
 * It is the yardstick of bench/evaluation.bench.ts: same data, same definitions, one round trip.
 *
 * Unlike kpis.repository.ts it uses plain float8 sums and avg() for the means (goal-day means, school absence,
 * costs), so its means can differ from Helhed's exact means in the last bits; the counts must be equal.
 */
import { sql } from 'drizzle-orm';
import type { IsoDate } from '../src/shared/dates.js';
import type { KpiNumbers } from '../src/shared/evaluation-dashboard.js';
import type { SupportStatus } from '../src/shared/measurements.js';
import type { Tx } from '../src/server/db/client.js';

export interface HandKpiRow {
  enrolled: number;
  active: number;
  completed: number;
  gp_n: number;
  gp_closer: number;
  gp_completed_n: number;
  gp_completed_closer: number;
  ss_n: number;
  ss_baseline: number;
  ss_follow_up: number;
  ss_f_n: number;
  ss_f_baseline: number;
  ss_f_follow_up: number;
  ss_m_n: number;
  ss_m_baseline: number;
  ss_m_follow_up: number;
  co_n: number;
  co_out: number;
  du_n: number;
  du_mean_months: number | null;
  du_median_months: number | null;
  ev_n: number;
  concern_before: number;
  concern_after: number;
  investigation_before: number;
  investigation_after: number;
  sa_n: number;
  sa_before_mean: number | null;
  sa_latest_mean: number | null;
  cost_n: number;
  cost_before_mean: number | null;
  cost_during_mean: number | null;
  [key: string]: unknown;
}

/** The statement. $asOf is a date, $publicSupport the municipality's public-support statuses. */
export async function handWrittenKpis(tx: Tx, municipalityId: string, asOf: IsoDate, publicSupport: readonly SupportStatus[]): Promise<HandKpiRow> {
  const T = sql`${asOf}::date`;
  const M = sql`${municipalityId}::uuid`;
  const pub = sql`${`{${publicSupport.join(',')}}`}::text[]`;
  const res = await tx.execute<HandKpiRow>(sql`
    with fam as (   -- families enrolled by T
      select f.id, f.enrolled_at as enrolled, f.completed_at as completed, f.withdrawn_at as withdrawn
      from family f where f.municipality_id = ${M} and f.enrolled_at <= ${T}
    ),
    member as (     -- parents and children of those families, once per person and family
      select fam.id as family_id, fam.enrolled, fm.role, fm.person_id, p.sex
      from fam
      join family_member fm on fm.municipality_id = ${M} and fm.family_id = fam.id and fm.role in ('parent', 'child')
      join person p on p.municipality_id = ${M} and p.id = fm.person_id
    ),
    families as (
      select count(*) as enrolled,
        count(*) filter (where (completed is null or completed > ${T}) and (withdrawn is null or withdrawn > ${T})) as active,
        count(*) filter (where completed <= ${T}) as completed
      from fam
    ),
    -- Goal progress: family ratings on >= 2 dates; change = latest date's mean - earliest's; closer when the
    -- family's mean change > 1e-9.
    goal_day as (
      select r.family_id, r.goal_id, r.date, avg(r.value::float8) as mean
      from goal_rating r join fam on fam.id = r.family_id
      where r.municipality_id = ${M} and r.respondent = 'family' and r.date <= ${T}
      group by r.family_id, r.goal_id, r.date
    ),
    goal_change as (
      select family_id, (array_agg(mean order by date desc))[1] - (array_agg(mean order by date))[1] as change
      from goal_day group by family_id, goal_id having count(*) >= 2
    ),
    family_progress as (
      select g.family_id, avg(g.change) > 1e-9 as closer, bool_or(fam.completed <= ${T}) as completed
      from goal_change g join fam on fam.id = g.family_id group by g.family_id
    ),
    progress as (
      select count(*) as n, count(*) filter (where closer) as closer,
        count(*) filter (where completed) as completed_n, count(*) filter (where completed and closer) as completed_closer
      from family_progress
    ),
    -- Self-support: parents of families enrolled >= 24 months before T, status known at enrolment and 24 months on.
    parent_status as (
      select m.sex, s0.status as at_start, s1.status as at_follow_up
      from member m
      cross join lateral (select (m.enrolled + interval '24 months')::date as follow_up) d
      join support_status_period s0 on s0.municipality_id = ${M} and s0.person_id = m.person_id
        and s0."from" <= m.enrolled and (s0."to" is null or m.enrolled <= s0."to")
      join support_status_period s1 on s1.municipality_id = ${M} and s1.person_id = m.person_id
        and s1."from" <= d.follow_up and (s1."to" is null or d.follow_up <= s1."to")
      where m.role = 'parent' and d.follow_up <= ${T} and s0.status <> 'unknown' and s1.status <> 'unknown'
    ),
    support as (
      select count(*) as n,
        count(*) filter (where at_start <> all (${pub})) as baseline,
        count(*) filter (where at_follow_up <> all (${pub})) as follow_up,
        count(*) filter (where sex = 'female') as f_n,
        count(*) filter (where sex = 'female' and at_start <> all (${pub})) as f_baseline,
        count(*) filter (where sex = 'female' and at_follow_up <> all (${pub})) as f_follow_up,
        count(*) filter (where sex = 'male') as m_n,
        count(*) filter (where sex = 'male' and at_start <> all (${pub})) as m_baseline,
        count(*) filter (where sex = 'male' and at_follow_up <> all (${pub})) as m_follow_up
      from parent_status
    ),
    -- Children out of the system: children of families enrolled >= 24 months before T with a child-welfare
    -- period overlapping [enrolment, T]; out = none of them covers T.
    child_out as (
      select bool_or(w."to" is null or w."to" >= ${T}) as in_system
      from member m
      join child_welfare_period w on w.municipality_id = ${M} and w.person_id = m.person_id
        and w."from" <= ${T} and (w."to" is null or w."to" >= m.enrolled)
      where m.role = 'child' and (m.enrolled + interval '24 months')::date <= ${T}
      group by m.family_id, m.person_id
    ),
    children_out as (select count(*) as n, count(*) filter (where not in_system) as out from child_out),
    -- Duration of completed families in months of 30.4375 days.
    duration as (
      select count(*) as n, avg(completed - enrolled) / 30.4375 as mean_months,
        percentile_cont(0.5) within group (order by completed - enrolled) / 30.4375 as median_months
      from fam where completed <= ${T}
    ),
    -- Concern reports (by date) and investigations (by start) of children of families enrolled >= 12 months
    -- before T, in the 12 months before and after enrolment.
    child12 as (
      select m.person_id, m.enrolled, (m.enrolled - interval '12 months')::date as starts, (m.enrolled + interval '12 months')::date as ends
      from member m where m.role = 'child' and (m.enrolled + interval '12 months')::date <= ${T}
    ),
    concern as (
      select count(*) filter (where r.date < c.enrolled) as before, count(*) filter (where r.date >= c.enrolled) as after
      from child12 c join concern_report r on r.municipality_id = ${M} and r.person_id = c.person_id
        and r.date >= c.starts and r.date < c.ends
    ),
    investigation as (
      select count(*) filter (where w."from" < c.enrolled) as before, count(*) filter (where w."from" >= c.enrolled) as after
      from child12 c join child_welfare_period w on w.municipality_id = ${M} and w.person_id = c.person_id
        and w.kind = 'investigation' and w."from" >= c.starts and w."from" < c.ends
    ),
    -- School absence: the latest record ending before enrolment and the latest starting on/after it, ending <= T.
    absence as (
      select count(*) as n, avg(b.absence_percent::float8) as before_mean, avg(l.absence_percent::float8) as latest_mean
      from member m
      cross join lateral (
        select a.absence_percent from school_attendance a
        where a.municipality_id = ${M} and a.person_id = m.person_id and a."to" < m.enrolled
        order by a."to" desc, a."from" desc limit 1) b
      cross join lateral (
        select a.absence_percent from school_attendance a
        where a.municipality_id = ${M} and a.person_id = m.person_id and a."from" >= m.enrolled and a."to" <= ${T}
        order by a."to" desc, a."from" desc limit 1) l
      where m.role = 'child'
    ),
    -- Costs: families enrolled >= 12 months before T, all their interventions in the 12 months before enrolment
    -- and the 12 months from it; the mean per family.
    cohort as (
      select f.id, f.enrolled_at as enrolled from family f
      where f.municipality_id = ${M} and (f.enrolled_at + interval '12 months')::date <= ${T}
    ),
    cost_window as (
      select id as family_id, false as during, (enrolled - interval '12 months')::date as starts, enrolled as ends_before from cohort
      union all
      select id, true, enrolled, (enrolled + interval '12 months')::date from cohort
    ),
    cost_value as (
      select w.during,
        case i.price_per
          when 'once' then case when i."from" >= w.starts then i.price_amount else 0 end
          else i.price_amount * case i.price_per when 'hour' then coalesce(i.hours_per_week, 0) else 1 end
            * ((least(coalesce(i."to", w.ends_before - 1), w.ends_before - 1) - greatest(i."from", w.starts) + 1)::float8
               / case i.price_per when 'day' then 1 when 'week' then 7 when 'hour' then 7 when 'month' then 30.4375 when 'year' then 365.25 end)
        end as value
      from cost_window w
      join intervention i on i.municipality_id = ${M} and i.family_id = w.family_id
        and i."from" < w.ends_before and (i."to" is null or i."to" >= w.starts)
    ),
    cost as (
      select (select count(*) from cohort) as n,
        sum(value) filter (where not during) as before_sum, sum(value) filter (where during) as during_sum
      from cost_value
    )
    select families.enrolled::int, families.active::int, families.completed::int,
      progress.n::int as gp_n, progress.closer::int as gp_closer, progress.completed_n::int as gp_completed_n,
      progress.completed_closer::int as gp_completed_closer,
      support.n::int as ss_n, support.baseline::int as ss_baseline, support.follow_up::int as ss_follow_up,
      support.f_n::int as ss_f_n, support.f_baseline::int as ss_f_baseline, support.f_follow_up::int as ss_f_follow_up,
      support.m_n::int as ss_m_n, support.m_baseline::int as ss_m_baseline, support.m_follow_up::int as ss_m_follow_up,
      children_out.n::int as co_n, children_out.out::int as co_out,
      duration.n::int as du_n, duration.mean_months::float8 as du_mean_months, duration.median_months::float8 as du_median_months,
      (select count(*) from child12)::int as ev_n, concern.before::int as concern_before, concern.after::int as concern_after,
      investigation.before::int as investigation_before, investigation.after::int as investigation_after,
      absence.n::int as sa_n, absence.before_mean as sa_before_mean, absence.latest_mean as sa_latest_mean,
      cost.n::int as cost_n, (coalesce(cost.before_sum, 0) / nullif(cost.n, 0))::float8 as cost_before_mean,
      (coalesce(cost.during_sum, 0) / nullif(cost.n, 0))::float8 as cost_during_mean
    from families, progress, support, children_out, duration, concern, investigation, absence, cost`);
  return res.rows[0]!;
}

/** Every count that must be equal, and every mean that may differ in the last bits, side by side. */
export function compareWithHelhed(h: KpiNumbers, r: HandKpiRow): { counts: [string, number, number][]; means: [string, number | null, number | null][] } {
  const counts: [string, number, number][] = [
    ['families.enrolled', h.families.enrolled, r.enrolled],
    ['families.active', h.families.active, r.active],
    ['families.completed', h.families.completed, r.completed],
    ['goalProgress.all.n', h.goalProgress.all.n, r.gp_n],
    ['goalProgress.all.closer', h.goalProgress.all.closer, r.gp_closer],
    ['goalProgress.completed.n', h.goalProgress.completed.n, r.gp_completed_n],
    ['goalProgress.completed.closer', h.goalProgress.completed.closer, r.gp_completed_closer],
    ['selfSupport.all.n', h.selfSupport.all.n, r.ss_n],
    ['selfSupport.all.baseline', h.selfSupport.all.baseline, r.ss_baseline],
    ['selfSupport.all.followUp', h.selfSupport.all.followUp, r.ss_follow_up],
    ['selfSupport.mothers.n', h.selfSupport.mothers.n, r.ss_f_n],
    ['selfSupport.mothers.baseline', h.selfSupport.mothers.baseline, r.ss_f_baseline],
    ['selfSupport.mothers.followUp', h.selfSupport.mothers.followUp, r.ss_f_follow_up],
    ['selfSupport.fathers.n', h.selfSupport.fathers.n, r.ss_m_n],
    ['selfSupport.fathers.baseline', h.selfSupport.fathers.baseline, r.ss_m_baseline],
    ['selfSupport.fathers.followUp', h.selfSupport.fathers.followUp, r.ss_m_follow_up],
    ['childrenOutOfSystem.n', h.childrenOutOfSystem.n, r.co_n],
    ['childrenOutOfSystem.out', h.childrenOutOfSystem.out, r.co_out],
    ['duration.n', h.duration.n, r.du_n],
    ['concernReports.n', h.concernReports.n, r.ev_n],
    ['concernReports.before', h.concernReports.before, r.concern_before],
    ['concernReports.after', h.concernReports.after, r.concern_after],
    ['investigations.before', h.investigations.before, r.investigation_before],
    ['investigations.after', h.investigations.after, r.investigation_after],
    ['schoolAbsence.n', h.schoolAbsence.n, r.sa_n],
    ['costs.n', h.costs.n, r.cost_n],
  ];
  const means: [string, number | null, number | null][] = [
    ['duration.meanMonths', h.duration.meanMonths, r.du_mean_months],
    ['duration.medianMonths', h.duration.medianMonths, r.du_median_months],
    ['schoolAbsence.beforeMean', h.schoolAbsence.beforeMean, r.sa_before_mean],
    ['schoolAbsence.latestMean', h.schoolAbsence.latestMean, r.sa_latest_mean],
    ['costs.beforeMean', h.costs.beforeMean, r.cost_before_mean],
    ['costs.duringMean', h.costs.duringMean, r.cost_during_mean],
  ];
  return { counts, means };
}

/** Relative difference (0 when both are null or equal). */
export function relDiff(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : Infinity;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
