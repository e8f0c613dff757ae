import { todayInDenmark, type IsoDate } from '../../../shared/dates.js';
import {
  kpiTableRows,
  showKpis,
  type CohortDto,
  type DepartmentCostDto,
  type EvaluationDashboardDto,
  type EvaluationQuery,
  type ExperienceItemDto,
  type KpiNumbers,
  type RatingTrendPointDto,
  type ShownKpis,
} from '../../../shared/evaluation-dashboard.js';
import { EXPERIENCE_ITEMS_V1 } from '../../../shared/measurements.js';
import { publicSupportOf } from '../../../shared/municipality.js';
import { suppressSmallCounts } from '../../../shared/suppression.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { findMunicipalityById } from '../setup/municipalities.repository.js';
import {
  childrenOutByQuarter,
  costsByDepartment,
  countFamiliesByQuarter,
  experienceMeans,
  goalProgressByQuarter,
  ratingTrend,
  selfSupportByQuarter,
} from './dashboard.repository.js';
import { EVALUATION_ROLES, seesExactCounts } from './dashboard.policy.js';
import { kpiTableCsv, kpiTableXlsx } from './kpi-table.js';

/** The KPIs of GET /evaluation/kpis (kpis.service.ts's computeKpis), handed in where the routes are registered. */
export type KpiSource = (ctx: Ctx, asOf: IsoDate) => Promise<KpiNumbers>;

const share = (part: number, n: number): number | null => (n === 0 ? null : part / n);
const mean = (total: number, n: number): number | null => (n === 0 ? null : total / n);

/** Refuses anyone but managers and analysts; answers the evaluation date and whether counts are exact. */
async function evaluationScope(ctx: Ctx, q: EvaluationQuery, attempted: string): Promise<{ asOf: IsoDate; exact: boolean }> {
  await requireRole(ctx, EVALUATION_ROLES, attempted);
  return { asOf: q.asOf ?? todayInDenmark(ctx.now), exact: seesExactCounts(actorOf(ctx)) };
}

/** The KPIs of GET /evaluation/kpis with the small-count rule applied for the actor. */
async function shownKpis(computeKpis: KpiSource, ctx: Ctx, asOf: IsoDate, exact: boolean): Promise<ShownKpis> {
  return showKpis(await computeKpis(ctx, asOf), exact);
}

/** The KPIs of each enrolment quarter's families: how many, goal progress, self-support, children out of the system. */
async function cohorts(ctx: Ctx, asOf: IsoDate, exact: boolean): Promise<CohortDto[]> {
  const m = await findMunicipalityById(ctx.tx, ctx.municipalityId);
  if (!m) throw new AppError('not_found');
  const { tx, municipalityId } = ctx;
  const [families, progress, support, children] = [
    await countFamiliesByQuarter(tx, municipalityId, asOf),
    await goalProgressByQuarter(tx, municipalityId, asOf),
    await selfSupportByQuarter(tx, municipalityId, asOf, publicSupportOf(m.settings)),
    await childrenOutByQuarter(tx, municipalityId, asOf),
  ];
  return families.map((f) => {
    const p = progress.find((r) => r.quarter === f.quarter) ?? { n: 0, closer: 0 };
    const s = support.find((r) => r.quarter === f.quarter) ?? { n: 0, baseline: 0, followUp: 0 };
    const c = children.find((r) => r.quarter === f.quarter) ?? { n: 0, out: 0 };
    return {
      quarter: f.quarter,
      families: suppressSmallCounts({ enrolled: f.enrolled, completed: f.completed }, ['enrolled', 'completed'], exact),
      goalProgress: suppressSmallCounts({ n: p.n, closer: p.closer, share: share(p.closer, p.n) }, ['n', 'closer'], exact),
      selfSupport: suppressSmallCounts(
        { n: s.n, baseline: s.baseline, followUp: s.followUp, baselineShare: share(s.baseline, s.n), followUpShare: share(s.followUp, s.n) },
        ['n', 'baseline', 'followUp'],
        exact,
      ),
      childrenOutOfSystem: suppressSmallCounts({ n: c.n, out: c.out, share: share(c.out, c.n) }, ['n', 'out'], exact),
    };
  });
}

async function departmentCosts(ctx: Ctx, asOf: IsoDate, exact: boolean): Promise<DepartmentCostDto[]> {
  const rows = await costsByDepartment(ctx.tx, ctx.municipalityId, asOf);
  return rows.map((r) => ({
    departmentId: r.department_id,
    departmentName: r.department_name,
    ...suppressSmallCounts(
      { n: r.n, families: r.families, beforeMean: mean(Number(r.before_total), r.n), duringMean: mean(Number(r.during_total), r.n) },
      ['n', 'families'],
      exact,
    ),
  }));
}

async function trend(ctx: Ctx, asOf: IsoDate, exact: boolean): Promise<RatingTrendPointDto[]> {
  const rows = await ratingTrend(ctx.tx, ctx.municipalityId, asOf);
  return rows.map((r) => ({
    quarter: r.quarter,
    ...suppressSmallCounts({ families: r.families, ratings: r.ratings, meanRating: Number(r.mean_rating) }, ['families', 'ratings'], exact),
  }));
}

async function experience(ctx: Ctx, asOf: IsoDate, exact: boolean): Promise<ExperienceItemDto[]> {
  const rows = await experienceMeans(ctx.tx, ctx.municipalityId, asOf, EXPERIENCE_ITEMS_V1);
  return EXPERIENCE_ITEMS_V1.map((item) => {
    const r = rows.find((x) => x.item === item);
    const answers = r?.answers ?? 0;
    return {
      item,
      ...suppressSmallCounts(
        { families: r?.families ?? 0, answers, mean: answers === 0 || r?.mean == null ? null : Number(r.mean) },
        ['families', 'answers'],
        exact,
      ),
    };
  });
}

/**
 * GET /evaluation/dashboard: the KPIs, cost per family by department, the enrolment-quarter cohorts, the trend of
 * the families' goal ratings and the experience questionnaire, for managers (small counts hidden) and analysts
 * (exact). Aggregates only; the read is audited with its evaluation date.
 */
export async function getEvaluationDashboard(computeKpis: KpiSource, ctx: Ctx, q: EvaluationQuery): Promise<EvaluationDashboardDto> {
  const { asOf, exact } = await evaluationScope(ctx, q, 'evaluation.dashboard_read');
  const dashboard: EvaluationDashboardDto = {
    asOf,
    exact,
    kpis: await shownKpis(computeKpis, ctx, asOf, exact),
    costsByDepartment: await departmentCosts(ctx, asOf, exact),
    cohorts: await cohorts(ctx, asOf, exact),
    ratingTrend: await trend(ctx, asOf, exact),
    experience: await experience(ctx, asOf, exact),
  };
  await audit(ctx, { action: 'evaluation.dashboard_read', details: { asOf, exact, cohorts: dashboard.cohorts.length } });
  return dashboard;
}

export type KpiTableFormat = 'csv' | 'xlsx';

export interface KpiTableFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

/** GET /evaluation/kpis.csv and kpis.xlsx: the KPI table with its Danish definitions, small counts hidden as on the page; audited as an export. */
export async function downloadKpiTable(computeKpis: KpiSource, ctx: Ctx, q: EvaluationQuery, format: KpiTableFormat): Promise<KpiTableFile> {
  const { asOf, exact } = await evaluationScope(ctx, q, 'evaluation.kpis_download');
  const rows = kpiTableRows(await shownKpis(computeKpis, ctx, asOf, exact), 'da');
  await audit(ctx, { action: 'evaluation.kpis_download', details: { asOf, exact, format, rows: rows.length } });
  const filename = `helhed-kpi-${asOf}.${format}`;
  if (format === 'csv') return { filename, contentType: 'text/csv; charset=utf-8', body: kpiTableCsv(rows) };
  return { filename, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await kpiTableXlsx(rows, asOf) };
}
