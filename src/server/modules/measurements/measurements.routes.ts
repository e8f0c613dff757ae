import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AssessmentBody, AssessmentDto, AssessmentListDto, FamilyParams, MeasurementsDto, RateGoalsBody, RatedGoalsDto } from '../../../shared/measurements.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { getAssessments, getMeasurements, rateGoals, recordAssessment } from './measurements.service.js';
import { outcomeRoutes } from './outcomes.routes.js';

/** Measured results: goal ratings, answered instruments, and (in outcomes.routes) the outcomes registers hold. */
export const measurementsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(outcomeRoutes);
  const tags = ['measurements'];
  app.post(
    '/families/:familyId/plan/ratings',
    {
      schema: {
        tags,
        summary: "Rate goals of the family's plan in one go (0–10 each, one date and respondent); all or nothing",
        params: FamilyParams,
        body: RateGoalsBody,
        response: { 201: RatedGoalsDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => rateGoals(ctx, req.params.familyId, req.body))),
  );
  app.get(
    '/families/:familyId/assessments',
    { schema: { tags, summary: "The family's answered instruments (life domains, experience, WHO-5 with its 0–100 score)", params: FamilyParams, response: { 200: AssessmentListDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getAssessments(ctx, req.params.familyId)),
  );
  app.post(
    '/families/:familyId/assessments',
    {
      schema: {
        tags,
        summary: "Record an answered instrument, checked against its version's items and answer ranges",
        params: FamilyParams,
        body: AssessmentBody,
        response: { 201: AssessmentDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => recordAssessment(ctx, req.params.familyId, req.body))),
  );
  app.get(
    '/families/:familyId/measurements',
    { schema: { tags, summary: 'Everything measured about the family and its members, for the Målinger page', params: FamilyParams, response: { 200: MeasurementsDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getMeasurements(ctx, req.params.familyId)),
  );
};
