import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../shared/admin.js';
import {
  AcceptReferralBody,
  CreateReferralBody,
  DecideReferralBody,
  EffortLookupBody,
  EffortLookupDto,
  MyReferralDto,
  ReferralDecisionDto,
  ReferralDto,
  ReferralQuery,
} from '../../../shared/referrals.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { RequestValidationError } from '../../http/validation.js';
import { earlySignRoutes } from './early-signs.routes.js';
import { createReferral, getMyReferrals, getQueue, getReferral, lookupEffort } from './referrals.service.js';
import { acceptReferral, decideReferral } from './visitation.service.js';

/** Referral (opsporing) and visitation; registers the early-sign checklist too. */
export const referralRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(earlySignRoutes);
  const tags = ['referrals'];
  const decision = { params: IdParams, response: { 200: ReferralDecisionDto, ...errorResponses } };
  app.post(
    '/referrals',
    {
      schema: { tags, summary: 'File a referral', body: CreateReferralBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } },
      // Schema problems are reported together with unknown signs, which only the database can tell.
      attachValidation: true,
    },
    async (req, reply) => {
      const issues = req.validationError instanceof RequestValidationError ? req.validationError.issues : [];
      return reply.code(201).send(await withUser(req, reply, (ctx) => createReferral(ctx, req.body, issues)));
    },
  );
  app.post(
    '/referrals/lookup',
    { schema: { tags, summary: 'Is a person already in an effort, and who coordinates it? (CPR in the body)', body: EffortLookupBody, response: { 200: EffortLookupDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => lookupEffort(ctx, req.body)),
  );
  app.get(
    '/referrals',
    { schema: { tags, summary: 'The visitation queue', querystring: ReferralQuery, response: { 200: z.object({ referrals: z.array(ReferralDto) }), ...errorResponses } } },
    async (req, reply) => ({ referrals: await withUser(req, reply, (ctx) => getQueue(ctx, req.query.status)) }),
  );
  app.get(
    '/referrals/mine',
    { schema: { tags, summary: "The user's own referrals and their outcome", response: { 200: z.object({ referrals: z.array(MyReferralDto) }), ...errorResponses } } },
    async (req, reply) => ({ referrals: await withUser(req, reply, (ctx) => getMyReferrals(ctx)) }),
  );
  app.get(
    '/referrals/:id',
    { schema: { tags, summary: 'One referral, for visitation', params: IdParams, response: { 200: ReferralDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getReferral(ctx, req.params.id)),
  );
  app.post(
    '/referrals/:id/accept',
    { schema: { tags, summary: 'Accept: create a family, or add the persons to an existing one', body: AcceptReferralBody, ...decision } },
    async (req, reply) => withUser(req, reply, (ctx) => acceptReferral(ctx, req.params.id, req.body)),
  );
  app.post(
    '/referrals/:id/decline',
    { schema: { tags, summary: 'Decline, with a reason the referrer sees', body: DecideReferralBody, ...decision } },
    async (req, reply) => withUser(req, reply, (ctx) => decideReferral(ctx, req.params.id, 'declined', req.body)),
  );
  app.post(
    '/referrals/:id/forward',
    { schema: { tags, summary: 'Forward elsewhere, with a reason the referrer sees', body: DecideReferralBody, ...decision } },
    async (req, reply) => withUser(req, reply, (ctx) => decideReferral(ctx, req.params.id, 'forwarded', req.body)),
  );
};
