import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ActionBody,
  ActionParams,
  ActionPatchBody,
  BaselineBody,
  DraftVersionBody,
  DraftVersionQuery,
  GoalBody,
  GoalInterventionParams,
  GoalParams,
  GoalPatchBody,
  PlanDto,
  PlanParams,
} from '../../../shared/plans.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { lifeDomainRoutes } from './life-domains.routes.js';
import {
  addAction,
  addGoal,
  changeAction,
  changeGoal,
  linkGoalIntervention,
  removeAction,
  removeGoal,
  setBaseline,
  unlinkGoalIntervention,
} from './plan-goals.service.js';
import { planVersionRoutes } from './plan-versions.routes.js';
import { getPlan } from './plans.service.js';

/**
 * The family's helhedsplan: the draft the team writes with the family (every write carries the draft version
 * seen and answers with the whole plan), its versions and sign-offs, its PDF, and the life domains.
 */
export const plansRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(lifeDomainRoutes);
  await app.register(planVersionRoutes);
  const tags = ['plans'];
  const plan = { 200: PlanDto, ...errorResponses };
  const created = { 201: PlanDto, ...errorResponses };
  app.get(
    '/families/:id/plan',
    { schema: { tags, summary: 'The plan: the draft (baseline, goals with actions and latest rating), the current version, permissions', params: PlanParams, response: plan } },
    async (req, reply) => withUser(req, reply, (ctx) => getPlan(ctx, req.params.id)),
  );
  app.post(
    '/families/:id/plan/goals',
    { schema: { tags, summary: 'Add a goal to the draft (creates the plan on the first write)', params: PlanParams, body: GoalBody, response: created } },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => addGoal(ctx, req.params.id, req.body))),
  );
  app.patch(
    '/families/:id/plan/goals/:goalId',
    { schema: { tags, summary: 'Change a goal of the draft', params: GoalParams, body: GoalPatchBody, response: plan } },
    async (req, reply) => withUser(req, reply, (ctx) => changeGoal(ctx, req.params.id, req.params.goalId, req.body)),
  );
  app.delete(
    '/families/:id/plan/goals/:goalId',
    { schema: { tags, summary: 'Remove a goal from the draft (kept in published versions)', params: GoalParams, querystring: DraftVersionQuery, response: plan } },
    async (req, reply) => withUser(req, reply, (ctx) => removeGoal(ctx, req.params.id, req.params.goalId, req.query.draftVersion)),
  );
  app.post(
    '/families/:id/plan/goals/:goalId/actions',
    { schema: { tags, summary: 'Add an action under a goal: what, who is responsible, by when', params: GoalParams, body: ActionBody, response: created } },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => addAction(ctx, req.params.id, req.params.goalId, req.body))),
  );
  app.patch(
    '/families/:id/plan/actions/:actionId',
    { schema: { tags, summary: 'Change an action, or mark it done', params: ActionParams, body: ActionPatchBody, response: plan } },
    async (req, reply) => withUser(req, reply, (ctx) => changeAction(ctx, req.params.id, req.params.actionId, req.body)),
  );
  app.delete(
    '/families/:id/plan/actions/:actionId',
    { schema: { tags, summary: 'Remove an action from the draft', params: ActionParams, querystring: DraftVersionQuery, response: plan } },
    async (req, reply) => withUser(req, reply, (ctx) => removeAction(ctx, req.params.id, req.params.actionId, req.query.draftVersion)),
  );
  app.put(
    '/families/:id/plan/baseline',
    { schema: { tags, summary: 'Set the baseline in one life domain (0–10 and a short text)', params: PlanParams, body: BaselineBody, response: plan } },
    async (req, reply) => withUser(req, reply, (ctx) => setBaseline(ctx, req.params.id, req.body)),
  );
  app.put(
    '/families/:id/plan/goals/:goalId/interventions/:interventionId',
    { schema: { tags, summary: "Link one of the family's interventions to a goal it serves", params: GoalInterventionParams, body: DraftVersionBody, response: plan } },
    async (req, reply) => withUser(req, reply, (ctx) => linkGoalIntervention(ctx, req.params.id, req.params.goalId, req.params.interventionId, req.body)),
  );
  app.delete(
    '/families/:id/plan/goals/:goalId/interventions/:interventionId',
    { schema: { tags, summary: 'Unlink an intervention from a goal', params: GoalInterventionParams, querystring: DraftVersionQuery, response: plan } },
    async (req, reply) =>
      withUser(req, reply, (ctx) => unlinkGoalIntervention(ctx, req.params.id, req.params.goalId, req.params.interventionId, req.query.draftVersion)),
  );
};
