import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EarlySignCodeParams, EarlySignDto, UpsertEarlySignBody } from '../../../shared/referrals.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { getActiveEarlySigns, getAllEarlySigns, putEarlySign } from './early-signs.service.js';

const EarlySignsDto = z.object({ signs: z.array(EarlySignDto) });

/** The checklist of early signs: administrators edit it, every staff user chooses from it. */
export const earlySignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/admin/early-signs',
    { schema: { tags: ['admin'], summary: 'The checklist of early signs, inactive ones included', response: { 200: EarlySignsDto, ...errorResponses } } },
    async (req, reply) => ({ signs: await withUser(req, reply, (ctx) => getAllEarlySigns(ctx)) }),
  );
  app.put(
    '/admin/early-signs/:code',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add an early sign or change its labels, order or whether it can be chosen',
        params: EarlySignCodeParams,
        body: UpsertEarlySignBody,
        response: { 200: EarlySignDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => putEarlySign(ctx, req.params.code, req.body)),
  );
  app.get(
    '/referrals/early-signs',
    { schema: { tags: ['referrals'], summary: 'The early signs a referrer can choose, in order', response: { 200: EarlySignsDto, ...errorResponses } } },
    async (req, reply) => ({ signs: await withUser(req, reply, (ctx) => getActiveEarlySigns(ctx)) }),
  );
};
