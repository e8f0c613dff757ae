import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordBody, LanguageBody, MeDto } from '../../../shared/auth.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { changeOwnPassword, presentMe, setLanguage } from './me.service.js';

const lenient = { allowMfaStage: true, allowPasswordChange: true };

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me',
    { schema: { tags: ['me'], summary: 'The logged-in user, their municipality, session and permissions', response: { 200: MeDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, async (_ctx, auth) => presentMe(auth.row, app.deps.config), lenient),
  );

  app.post(
    '/me/password',
    { schema: { tags: ['me'], summary: 'Change your own password', body: ChangePasswordBody, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx, auth) => changeOwnPassword(ctx, auth.row, req.body), { allowPasswordChange: true });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/me/language',
    { schema: { tags: ['me'], summary: 'Set your interface language', body: LanguageBody, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx, auth) => setLanguage(ctx, auth.row, req.body.language), lenient);
      return reply.code(204).send(null);
    },
  );
};
