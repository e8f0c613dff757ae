import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationState } from '../../db/migrate.js';

const HealthDto = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
  migrations: z.object({ applied: z.number().int(), known: z.number().int(), pending: z.number().int() }),
});

/** GET /api/health: is the database reachable and fully migrated? 503 when not. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Database reachability and migration state', response: { 200: HealthDto, 503: HealthDto } } },
    async (_req, reply) => {
      const { database } = app.deps;
      let reachable = true;
      try {
        await database.ping();
      } catch {
        reachable = false;
      }
      const migrations = reachable ? await migrationState(database) : { applied: 0, known: 0, pending: 0 };
      const ok = reachable && migrations.pending === 0;
      return reply.code(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        database: { kind: database.kind, reachable },
        migrations,
      });
    },
  );
};
