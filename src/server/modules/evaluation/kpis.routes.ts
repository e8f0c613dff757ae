import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EvaluationQuery } from '../../../shared/evaluation-dashboard.js';
import { KpisDto } from '../../../shared/kpis.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { getKpis } from './kpis.service.js';

/** GET /evaluation/kpis: DESIGN.md's KPIs as of a date, the shape of exchange/example.kpis.json (managers and analysts). */
export const kpisRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/evaluation/kpis',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          'The KPIs of DESIGN.md as of asOf (today when left out). Exact for analysts; for managers counts of 1–4 and what they give away are null and the header x-helhed-small-counts is "hidden"',
        querystring: EvaluationQuery,
        response: { 200: KpisDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { kpis, hidden } = await withUser(req, reply, (ctx) => getKpis(ctx, req.query));
      return reply.header('cache-control', 'no-store').header('x-helhed-small-counts', hidden ? 'hidden' : 'none').send(kpis);
    },
  );
};
