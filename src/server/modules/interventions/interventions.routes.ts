import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateInterventionBody,
  DeleteInterventionBody,
  EndInterventionBody,
  FamilyInterventionsDto,
  FamilyInterventionsParams,
  InterventionDto,
  InterventionParams,
  OverlapListDto,
  UpdateInterventionBody,
} from '../../../shared/interventions.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { interventionTypeRoutes } from './intervention-types.routes.js';
import { changeIntervention, deleteIntervention, endIntervention, getFamilyInterventions, getOpenOverlaps, registerIntervention } from './interventions.service.js';

const Done = z.object({ ok: z.literal(true) });

/** Interventions across departments: the catalogue, each family's interventions with cost, and overlaps. */
export const interventionsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(interventionTypeRoutes);
  const tags = ['interventions'];
  app.get(
    '/families/:id/interventions',
    {
      schema: {
        tags,
        summary: "A family's interventions: current and past, monthly cost, overlaps",
        params: FamilyInterventionsParams,
        response: { 200: FamilyInterventionsDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => getFamilyInterventions(ctx, req.params.id)),
  );
  app.post(
    '/families/:id/interventions',
    {
      schema: {
        tags,
        summary: 'Register an intervention for a person of the family or the whole family',
        params: FamilyInterventionsParams,
        body: CreateInterventionBody,
        response: { 201: InterventionDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => registerIntervention(ctx, req.params.id, req.body))),
  );
  app.patch(
    '/families/:familyId/interventions/:interventionId',
    {
      schema: {
        tags,
        summary: 'Change an intervention (from the version seen)',
        params: InterventionParams,
        body: UpdateInterventionBody,
        response: { 200: InterventionDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => changeIntervention(ctx, req.params.familyId, req.params.interventionId, req.body)),
  );
  app.post(
    '/families/:familyId/interventions/:interventionId/end',
    {
      schema: {
        tags,
        summary: 'End an intervention on a date (its last day)',
        params: InterventionParams,
        body: EndInterventionBody,
        response: { 200: InterventionDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => endIntervention(ctx, req.params.familyId, req.params.interventionId, req.body)),
  );
  app.post(
    '/families/:familyId/interventions/:interventionId/delete',
    {
      schema: {
        tags,
        summary: 'Delete an intervention registered by mistake, with the reason (kept in the audit trail)',
        params: InterventionParams,
        body: DeleteInterventionBody,
        response: { 200: Done, ...errorResponses },
      },
    },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => deleteIntervention(ctx, req.params.familyId, req.params.interventionId, req.body));
      return { ok: true as const };
    },
  );
  app.get(
    '/interventions/overlaps',
    { schema: { tags, summary: 'Overlapping interventions in the families a manager supervises', response: { 200: OverlapListDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getOpenOverlaps(ctx)),
  );
};
