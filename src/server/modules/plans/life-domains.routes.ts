import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LifeDomainBody, LifeDomainDto, LifeDomainParams } from '../../../shared/plans.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { getLifeDomains, putLifeDomain } from './life-domains.service.js';

/** The municipality's list of life domains: read by staff, kept by administrators. */
export const lifeDomainRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['plans'];
  app.get(
    '/life-domains',
    { schema: { tags, summary: "The municipality's life domains, in order (also those out of use)", response: { 200: z.object({ domains: z.array(LifeDomainDto) }), ...errorResponses } } },
    async (req, reply) => ({ domains: await withUser(req, reply, (ctx) => getLifeDomains(ctx)) }),
  );
  app.put(
    '/admin/life-domains/:code',
    {
      schema: {
        tags,
        summary: 'Add a life domain or change its labels (da/en), order and whether it is in use',
        params: LifeDomainParams,
        body: LifeDomainBody,
        response: { 200: LifeDomainDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => putLifeDomain(ctx, req.params.code, req.body)),
  );
};
