import { sql } from 'drizzle-orm';
import { todayInDenmark, type IsoDate } from '../../../shared/dates.js';
import { showKpis, type KpiNumbers } from '../../../shared/evaluation-dashboard.js';
import { kpisWithHiddenCounts, type KpisDto } from '../../../shared/kpis.js';
import { publicSupportOf } from '../../../shared/municipality.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { findMunicipalityById } from '../setup/municipalities.repository.js';
import { EVALUATION_ROLES, seesExactCounts } from './dashboard.policy.js';
import {
  childrenOutOfSystem,
  concernsAndInvestigations,
  costs,
  duration,
  familyCounts,
  goalProgress,
  schoolAbsence,
  selfSupportBySex,
  type SelfSupportRow,
} from './kpis.repository.js';

const share = (part: number, n: number): number | null => (n === 0 ? null : part / n);

function selfSupportOf(rows: SelfSupportRow[], sex: 'female' | 'male' | null) {
  const picked = rows.filter((r) => sex === null || r.sex === sex);
  const n = picked.reduce((a, r) => a + r.n, 0);
  const baseline = picked.reduce((a, r) => a + r.baseline, 0);
  const followUp = picked.reduce((a, r) => a + r.follow_up, 0);
  return { n, baseline, followUp, baselineShare: share(baseline, n), followUpShare: share(followUp, n) };
}

/**
 * Every KPI of DESIGN.md's table as of T for one municipality, in SQL (kpis.repository.ts). No access check: for the
 * service functions below and the CLI, which run as the operator. Exact numbers.
 */
export async function kpisOfMunicipality(tx: Tx, municipalityId: string, asOf: IsoDate): Promise<KpiNumbers> {
  const m = await findMunicipalityById(tx, municipalityId);
  if (!m) throw new AppError('not_found');
  // Set-based statements over every rating of the municipality: JIT compilation costs more than it saves here, and
  // the default 4 MB of work memory makes the goal-progress aggregates spill to disk (docs/benchmarks.md).
  await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
  const families = await familyCounts(tx, municipalityId, asOf);
  const progress = await goalProgress(tx, municipalityId, asOf);
  const support = await selfSupportBySex(tx, municipalityId, asOf, publicSupportOf(m.settings));
  const children = await childrenOutOfSystem(tx, municipalityId, asOf);
  const months = await duration(tx, municipalityId, asOf);
  const events = await concernsAndInvestigations(tx, municipalityId, asOf);
  const absence = await schoolAbsence(tx, municipalityId, asOf);
  const cost = await costs(tx, municipalityId, asOf);
  return {
    asOf,
    families: { enrolled: families.enrolled, active: families.active, completed: families.completed },
    goalProgress: {
      all: { n: progress.n, closer: progress.closer, share: share(progress.closer, progress.n) },
      completed: { n: progress.completed_n, closer: progress.completed_closer, share: share(progress.completed_closer, progress.completed_n) },
    },
    selfSupport: { all: selfSupportOf(support, null), mothers: selfSupportOf(support, 'female'), fathers: selfSupportOf(support, 'male') },
    childrenOutOfSystem: { n: children.n, out: children.out, share: share(children.out, children.n) },
    duration: { n: months.n, meanMonths: months.mean_months, medianMonths: months.median_months },
    concernReports: { n: events.n, before: events.concern_before, after: events.concern_after },
    investigations: { n: events.n, before: events.investigation_before, after: events.investigation_after },
    schoolAbsence: { n: absence.n, beforeMean: absence.before_mean, latestMean: absence.latest_mean },
    costs: { n: cost.n, beforeMean: cost.before_mean, duringMean: cost.during_mean },
  };
}

/** The exact KPIs for managers and analysts (the dashboard applies the small-count rule itself). */
export async function computeKpis(ctx: Ctx, asOf: IsoDate): Promise<KpiNumbers> {
  await requireRole(ctx, EVALUATION_ROLES, 'evaluation.kpis_read');
  return kpisOfMunicipality(ctx.tx, ctx.municipalityId, asOf);
}

/**
 * GET /evaluation/kpis: the KPIs as of T (today in Denmark when left out) — exact for analysts; for managers the
 * counts of 1–4 and what they give away are null (`hidden` true). Aggregates only; audited with the date.
 */
export async function getKpis(ctx: Ctx, q: { asOf?: IsoDate }): Promise<{ kpis: KpisDto; hidden: boolean }> {
  const asOf = q.asOf ?? todayInDenmark(ctx.now);
  const numbers = await computeKpis(ctx, asOf);
  const exact = seesExactCounts(actorOf(ctx));
  const shown = showKpis(numbers, exact);
  const hidden = Object.values(shown).some((g) => typeof g === 'object' && g !== null && groupHidden(g as Record<string, unknown>));
  await audit(ctx, { action: 'evaluation.kpis_read', details: { asOf, exact } });
  return { kpis: exact ? numbers : kpisWithHiddenCounts(shown), hidden };
}

function groupHidden(g: Record<string, unknown>): boolean {
  if (g.suppressed === true) return true;
  return Object.values(g).some((v) => typeof v === 'object' && v !== null && groupHidden(v as Record<string, unknown>));
}
