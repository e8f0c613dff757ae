import type { EvaluationDashboardDto } from '../../../shared/evaluation-dashboard';
import { api } from '../../api/client';

export const evaluationKeys = {
  dashboard: (asOf: string) => ['evaluation-dashboard', asOf] as const,
};

export function fetchEvaluationDashboard(asOf: string): Promise<EvaluationDashboardDto> {
  return api('GET', '/api/v1/evaluation/dashboard', { query: { asOf } });
}

/** Where the browser downloads the KPI table (the session cookie goes with a plain link). */
export function kpiTableUrl(format: 'csv' | 'xlsx', asOf: string): string {
  return `/api/v1/evaluation/kpis.${format}?asOf=${encodeURIComponent(asOf)}`;
}
