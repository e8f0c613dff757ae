import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DiffParams, PlanDiffDto, PlanDto, PlanParams, PlanPdfQuery, PlanVersionDto, PlanVersionsDto, PublishBody, SignOffBody, VersionParams } from '../../../shared/plans.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { printPlan } from './plan-pdf.service.js';
import { getPlanDiff, getPlanVersions, publishPlan, signOffVersion } from './plan-versions.service.js';

/** Publishing the plan, its history and what changed, the family's sign-off, and the PDF for the family. */
export const planVersionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['plans'];
  app.post(
    '/families/:id/plan/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft as the next version, which becomes the current one (coordinator)',
        params: PlanParams,
        body: PublishBody,
        response: { 201: PlanDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => publishPlan(ctx, req.params.id, req.body))),
  );
  app.get(
    '/families/:id/plan/versions',
    { schema: { tags, summary: 'Published versions, newest first: who, when, note, sign-offs', params: PlanParams, response: { 200: PlanVersionsDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getPlanVersions(ctx, req.params.id)),
  );
  app.get(
    '/families/:id/plan/versions/:a/diff/:b',
    {
      schema: {
        tags,
        summary: 'What changed from version a to version b (b may be "draft"): goals, actions and baselines, field by field',
        params: DiffParams,
        response: { 200: PlanDiffDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => getPlanDiff(ctx, req.params.id, req.params.a, req.params.b)),
  );
  app.post(
    '/families/:id/plan/versions/:versionId/sign-offs',
    {
      schema: {
        tags,
        summary: "Record the family's sign-off on a version: who (a parent, or a child of 15 or over), when, how (coordinator)",
        params: VersionParams,
        body: SignOffBody,
        response: { 201: PlanVersionDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => signOffVersion(ctx, req.params.id, req.params.versionId, req.body))),
  );
  app.get(
    '/families/:id/plan/pdf',
    {
      schema: {
        tags,
        summary: 'The current version as a PDF for the family, in plain Danish or English',
        params: PlanParams,
        querystring: PlanPdfQuery,
        produces: ['application/pdf'],
        response: { 200: z.instanceof(Buffer).describe('The plan as application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { filename, pdf } = await withUser(req, reply, (ctx) => printPlan(ctx, req.params.id, req.query.lang));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(pdf);
    },
  );
};
