import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EvaluationDashboardDto, EvaluationQuery } from '../../../shared/evaluation-dashboard.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { downloadKpiTable, getEvaluationDashboard, type KpiSource, type KpiTableFormat } from './dashboard.service.js';

/**
 * The evaluation dashboard and the KPI table downloads (managers and analysts; counts of 1–4 hidden for managers).
 * Registered with the KPI computation of GET /evaluation/kpis: `api.register(evaluationDashboardRoutes, { computeKpis })`.
 */
export const evaluationDashboardRoutes: FastifyPluginAsyncZod<{ computeKpis: KpiSource }> = async (app, { computeKpis }) => {
  const tags = ['evaluation'];
  app.get(
    '/evaluation/dashboard',
    {
      schema: {
        tags,
        summary: 'The evaluation dashboard: KPIs, cost per family by department, enrolment-quarter cohorts, the goal-rating trend and the experience questionnaire',
        querystring: EvaluationQuery,
        response: { 200: EvaluationDashboardDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => getEvaluationDashboard(computeKpis, ctx, req.query)),
  );
  const download = (format: KpiTableFormat, produces: string, body: z.ZodType, summary: string) =>
    app.get(
      `/evaluation/kpis.${format}`,
      { schema: { tags, summary, querystring: EvaluationQuery, produces: [produces], response: { 200: body, ...errorResponses } } },
      async (req, reply) => {
        const file = await withUser(req, reply, (ctx) => downloadKpiTable(computeKpis, ctx, req.query, format));
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
  download('csv', 'text/csv', z.string().describe('The KPI table as CSV (UTF-8 with BOM, ";" between fields)'), 'The KPI table with Danish definitions as CSV for Danish Excel');
  download(
    'xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    z.instanceof(Buffer).describe('The KPI table as an XLSX workbook'),
    'The KPI table with Danish definitions as an XLSX workbook',
  );
};
