import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MunicipalityListDto, SetupBody, SetupStatusDto } from '../../../shared/auth.js';
import { requestLang, requireAnonymousCsrf } from '../../http/request.js';
import { OkDto, errorResponses } from '../../http/schemas.js';
import { listMunicipalities } from './municipalities.repository.js';
import { setupMunicipality } from './setup.service.js';

export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/setup/status',
    { schema: { tags: ['setup'], summary: 'Whether first-run setup is still needed', response: { 200: SetupStatusDto } } },
    async () => ({ needed: (await listMunicipalities(app.deps.database.db)).length === 0 }),
  );

  app.post(
    '/setup',
    {
      schema: {
        tags: ['setup'],
        summary: 'First-run setup: the municipality and its first administrator (only on an empty database)',
        body: SetupBody,
        response: { 201: OkDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      requireAnonymousCsrf(req);
      await setupMunicipality(app.deps.database.db, req.body, { onlyIfEmpty: true, requestId: req.id, lang: requestLang(req) });
      return reply.code(201).send({ ok: true as const });
    },
  );

  app.get(
    '/auth/municipalities',
    { schema: { tags: ['auth'], summary: 'Municipalities one can log in to (code and name)', response: { 200: MunicipalityListDto } } },
    async () => ({
      municipalities: (await listMunicipalities(app.deps.database.db)).map((m) => ({ code: m.code, name: m.name })),
    }),
  );
};
