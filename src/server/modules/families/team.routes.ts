import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddTeamMemberBody,
  AssignCoordinatorBody,
  BreakGlassBody,
  BreakGlassListDto,
  CaseloadDto,
  CaseloadQuery,
  DistributionDto,
  EndTeamMemberBody,
  ReviewBreakGlassBody,
  TeamFamiliesDto,
} from '../../../shared/families.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { listBreakGlass, reviewBreakGlass } from './break-glass.service.js';
import { caseloadDistribution, listCaseload } from './caseload.service.js';
import { listTeamFamilies } from './team-families.service.js';
import { addTeamMember, assignCoordinator, breakGlass, endTeamMember } from './team.service.js';

const FamilyParams = z.strictObject({ id: z.uuid({ error: 'id' }) });
const MemberParams = z.strictObject({ id: z.uuid({ error: 'id' }), memberId: z.uuid({ error: 'id' }) });
const Done = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

/** Coordinator and team, caseloads, and break-the-glass. */
export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['families'];
  app.post(
    '/families/:id/coordinator',
    { schema: { tags, summary: 'Assign or reassign the coordinator (history kept)', params: FamilyParams, body: AssignCoordinatorBody, response: { 200: Done, ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => assignCoordinator(ctx, req.params.id, req.body));
      return ok;
    },
  );
  app.post(
    '/families/:id/team',
    { schema: { tags, summary: 'Add a professional to the team', params: FamilyParams, body: AddTeamMemberBody, response: { 201: z.object({ id: z.uuid() }), ...errorResponses } } },
    async (req, reply) => reply.code(201).send({ id: await withUser(req, reply, (ctx) => addTeamMember(ctx, req.params.id, req.body)) }),
  );
  app.post(
    '/families/:id/team/:memberId/end',
    { schema: { tags, summary: "End a team member's participation", params: MemberParams, body: EndTeamMemberBody, response: { 200: Done, ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => endTeamMember(ctx, req.params.id, req.params.memberId, req.body));
      return ok;
    },
  );
  app.post(
    '/families/:id/break-glass',
    { schema: { tags, summary: 'Break the glass: read access with a stated reason, flagged for review', params: FamilyParams, body: BreakGlassBody, response: { 200: Done, ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => breakGlass(ctx, req.params.id, req.body));
      return ok;
    },
  );
  app.get(
    '/team-families',
    { schema: { tags, summary: 'Mine familier: the families whose team I am on today and may open', response: { 200: TeamFamiliesDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => listTeamFamilies(ctx)),
  );
  app.get(
    '/caseload',
    { schema: { tags, summary: 'Min sagsstamme: my families (managers: a coordinator of their unit)', querystring: CaseloadQuery, response: { 200: CaseloadDto, ...errorResponses } } },
    async (req, reply) => ({ families: await withUser(req, reply, (ctx) => listCaseload(ctx, req.query)) }),
  );
  app.get(
    '/caseload/distribution',
    { schema: { tags, summary: "Managers: families per coordinator of the unit, by status", response: { 200: DistributionDto, ...errorResponses } } },
    async (req, reply) => ({ coordinators: await withUser(req, reply, (ctx) => caseloadDistribution(ctx)) }),
  );
  app.get(
    '/break-glass',
    { schema: { tags, summary: "Managers: break-the-glass accesses to review", querystring: z.strictObject({ all: z.enum(['true', 'false']).default('false') }), response: { 200: BreakGlassListDto, ...errorResponses } } },
    async (req, reply) => ({ accesses: await withUser(req, reply, (ctx) => listBreakGlass(ctx, req.query.all !== 'true')) }),
  );
  app.post(
    '/break-glass/:id/review',
    { schema: { tags, summary: 'Managers: mark a break-the-glass access as reviewed', params: FamilyParams, body: ReviewBreakGlassBody, response: { 200: Done, ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => reviewBreakGlass(ctx, req.params.id, req.body.note));
      return ok;
    },
  );
};
