import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddMemberBody,
  CreateFamilyBody,
  RecordConsentBody,
  RevealBody,
  SetCustodyBody,
  TransitionBody,
  TransitionResultDto,
  UpdatePersonBody,
  WithdrawConsentBody,
} from '../../../shared/families.js';
import { FamilyOverviewDto } from '../../../shared/family-overview.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { addMember, createFamily, setCustody, updatePerson } from './families.service.js';
import { recordConsent, transitionFamily, withdrawConsent } from './lifecycle.service.js';
import { getFamilyOverview } from './overview.service.js';
import { revealPersonField } from './reveal.service.js';

const FamilyParams = z.strictObject({ id: z.uuid({ error: 'id' }) });
const PersonParams = z.strictObject({ id: z.uuid({ error: 'id' }), personId: z.uuid({ error: 'id' }) });
const ConsentParams = z.strictObject({ id: z.uuid({ error: 'id' }), consentId: z.uuid({ error: 'id' }) });
const Created = z.object({ id: z.uuid() });
const Done = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

/** The family, its household, consent and lifecycle. */
export const familiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['families'];
  app.post(
    '/families',
    { schema: { tags, summary: 'Register a family directly (the coordinator becomes its coordinator)', body: CreateFamilyBody, response: { 201: Created, ...errorResponses } } },
    async (req, reply) => reply.code(201).send({ id: await withUser(req, reply, (ctx) => createFamily(ctx, req.body)) }),
  );
  app.get(
    '/families/:id',
    { schema: { tags, summary: 'The family overview (audited read of every member)', params: FamilyParams, response: { 200: FamilyOverviewDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => getFamilyOverview(ctx, req.params.id)),
  );
  app.post(
    '/families/:id/members',
    { schema: { tags, summary: 'Add a member (CPR validated; a CPR already in another family must be acknowledged)', params: FamilyParams, body: AddMemberBody, response: { 201: Done, ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => addMember(ctx, req.params.id, req.body));
      return reply.code(201).send(ok);
    },
  );
  app.patch(
    '/families/:id/persons/:personId',
    { schema: { tags, summary: "Change a member's contact details, language or address protection", params: PersonParams, body: UpdatePersonBody, response: { 200: Done, ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => updatePerson(ctx, req.params.id, req.params.personId, req.body));
      return ok;
    },
  );
  app.put(
    '/families/:id/persons/:personId/custody',
    { schema: { tags, summary: 'Set who holds custody of a child', params: PersonParams, body: SetCustodyBody, response: { 200: Done, ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => setCustody(ctx, req.params.id, req.params.personId, req.body));
      return ok;
    },
  );
  app.post(
    '/families/:id/persons/:personId/reveal',
    {
      schema: {
        tags,
        summary: 'Reveal a CPR number or a protected address (audited, with purpose)',
        params: PersonParams,
        body: RevealBody,
        response: { 200: z.object({ value: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req, reply) => ({ value: await withUser(req, reply, (ctx) => revealPersonField(ctx, req.params.id, req.params.personId, req.body)) }),
  );
  app.post(
    '/families/:id/consents',
    { schema: { tags, summary: 'Record a consent with its scope and dates', params: FamilyParams, body: RecordConsentBody, response: { 201: Created, ...errorResponses } } },
    async (req, reply) => reply.code(201).send({ id: await withUser(req, reply, (ctx) => recordConsent(ctx, req.params.id, req.body)) }),
  );
  app.post(
    '/families/:id/consents/:consentId/withdraw',
    { schema: { tags, summary: 'Withdraw a consent (an active family is paused)', params: ConsentParams, body: WithdrawConsentBody, response: { 200: Done, ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx) => withdrawConsent(ctx, req.params.id, req.params.consentId, req.body));
      return ok;
    },
  );
  app.post(
    '/families/:id/status',
    { schema: { tags, summary: 'Move the family to another status, dated and with a reason; ending it can end what still runs', params: FamilyParams, body: TransitionBody, response: { 200: TransitionResultDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => transitionFamily(ctx, req.params.id, req.body)),
  );
};
