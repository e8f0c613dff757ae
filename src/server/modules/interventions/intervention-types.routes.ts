import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../shared/admin.js';
import { InterventionTypeBody, InterventionTypeDto, UpdateInterventionTypeBody } from '../../../shared/interventions.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { changeInterventionType, createInterventionType, getInterventionTypes } from './intervention-types.service.js';

/** The intervention catalogue: read by case staff choosing an intervention, kept by administrators. */
export const interventionTypeRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['interventions'];
  app.get(
    '/intervention-types',
    { schema: { tags, summary: 'The intervention catalogue', response: { 200: z.object({ types: z.array(InterventionTypeDto) }), ...errorResponses } } },
    async (req, reply) => ({ types: await withUser(req, reply, (ctx) => getInterventionTypes(ctx)) }),
  );
  app.post(
    '/admin/intervention-types',
    { schema: { tags, summary: 'Add a type to the catalogue', body: InterventionTypeBody, response: { 201: InterventionTypeDto, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => createInterventionType(ctx, req.body))),
  );
  app.patch(
    '/admin/intervention-types/:id',
    {
      schema: {
        tags,
        summary: 'Change a catalogue type: name, category, department, legal basis, price, validity, active',
        params: IdParams,
        body: UpdateInterventionTypeBody,
        response: { 200: InterventionTypeDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => changeInterventionType(ctx, req.params.id, req.body)),
  );
};
