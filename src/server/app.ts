import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { fieldMessage } from '../shared/field-messages.js';
import { RateLimiter } from './auth/rate-limit.js';
import { authRoutes } from './auth/auth.routes.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { AppError, errorMessage, errorStatus, type ErrorCode, type FieldProblem } from './errors.js';
import type { AppDeps } from './http/deps.js';
import { requestLang } from './http/request.js';
import { RequestValidationError, problemsOf, validatorCompiler } from './http/validation.js';
import { adminRoutes } from './modules/admin/admin.routes.js';
import { usersRoutes } from './modules/admin/users.routes.js';
import { auditLogRoutes } from './modules/auditlog/auditlog.routes.js';
import { exchangeRoutes } from './modules/exchange/exchange.routes.js';
import { familiesRoutes } from './modules/families/families.routes.js';
import { teamRoutes } from './modules/families/team.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { interventionsRoutes } from './modules/interventions/interventions.routes.js';
import { journalRoutes } from './modules/journal/journal.routes.js';
import { measurementsRoutes } from './modules/measurements/measurements.routes.js';
import { meetingsRoutes } from './modules/meetings/meetings.routes.js';
import { meRoutes } from './modules/me/me.routes.js';
import { plansRoutes } from './modules/plans/plans.routes.js';
import { referralRoutes } from './modules/referrals/referrals.routes.js';
import { setupRoutes } from './modules/setup/setup.routes.js';
import { staffRoutes } from './modules/staff/staff.routes.js';
import { tasksRoutes } from './modules/tasks/tasks.routes.js';
import { evaluationDashboardRoutes } from './modules/evaluation/dashboard.routes.js';
import { kpisRoutes } from './modules/evaluation/kpis.routes.js';
import { computeKpis } from './modules/evaluation/kpis.service.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Where the JSON log goes; standard output unless a test captures it. */
  logStream?: NodeJS.WritableStream;
}

/** Builds the Fastify app: plugins, security headers, error handling, the API and the web app. */
export async function buildApp({ config, database, logStream }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // Only method, path and ids: never query strings, headers, cookies or bodies.
      serializers: {
        req: (req) => ({ method: req.method, path: String(req.url).split('?')[0], id: req.id }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  const deps: AppDeps = {
    database,
    config,
    loginLimiter: new RateLimiter(config.loginRatePerMinute),
    draining: { value: false },
  };
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Helhed API', version: '1', description: 'Helhed: one entry, one plan, one team, measured results.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'helhed_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI's own policy, made as strict as ours: no framing, no outside hosts.
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replaceAll(' https:', '')
        .replace(' validator.swagger.io', '')
        .replace(' upgrade-insecure-requests;', ''),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRequest', async () => {
    if (deps.draining.value) throw new AppError('service_unavailable');
  });

  app.setErrorHandler((err: FastifyError | AppError | RequestValidationError, req, reply) => {
    const lang = requestLang(req);
    const send = (code: ErrorCode, problems: FieldProblem[] = [], errorId?: string) =>
      reply.code(errorStatus(code)).send({ error: { code, message: errorMessage(code, lang), problems, ...(errorId ? { errorId } : {}) } });
    if (err instanceof AppError) {
      const problems = err.problems.map((p) => ({ path: p.path, message: fieldMessage(p.message, lang) ?? (p.message || errorMessage(err.code, lang)) }));
      return send(err.code, problems);
    }
    if (err instanceof RequestValidationError) return send('validation_failed', problemsOf(err.issues, lang));
    const code = (err as FastifyError).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send('body_too_large', [{ path: '', message: lang === 'da' ? `Højst ${config.bodyLimitBytes} bytes.` : `At most ${config.bodyLimitBytes} bytes.` }]);
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send('unsupported_media_type');
    if ((err as FastifyError).statusCode === 400 && (code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError)) {
      return send('malformed_json', [{ path: '', message: errorMessage('malformed_json', lang) }]);
    }
    if ((err as FastifyError).statusCode === 503) return send('service_unavailable');
    const errorId = randomUUID();
    // The message may quote input (SQL errors do); log the kind and where, never the text.
    req.log.error({ errorId, name: err.name, code, where: err.stack?.split('\n').slice(1, 6).join(' | ') }, 'unhandled error');
    return send('internal_error', [], errorId);
  });

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(setupRoutes);
      await api.register(authRoutes);
      await api.register(meRoutes);
      await api.register(adminRoutes);
      await api.register(usersRoutes);
      await api.register(auditLogRoutes);
      await api.register(interventionsRoutes);
      await api.register(familiesRoutes);
      await api.register(teamRoutes);
      await api.register(staffRoutes);
      await api.register(referralRoutes);
      await api.register(plansRoutes);
      await api.register(tasksRoutes);
      await api.register(meetingsRoutes);
      await api.register(journalRoutes);
      await api.register(exchangeRoutes);
      await api.register(kpisRoutes);
      await api.register(evaluationDashboardRoutes, { computeKpis });
      await api.register(measurementsRoutes);
    },
    { prefix: '/api/v1' },
  );

  await registerWeb(app, config.webDir);
  return app;
}

/** Serves the built single-page app; unknown non-API paths get index.html so the client router decides. */
async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, 'index.html');
  const built = fs.existsSync(index);
  if (built) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      const lang = requestLang(req);
      return reply.code(404).send({ error: { code: 'not_found', message: errorMessage('not_found', lang), problems: [] } });
    }
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('Helheds webgrænseflade er ikke bygget. Kør "npm run build" og start igen.\nThe Helhed web interface is not built. Run "npm run build" and start again.\n');
    }
    return reply.header('cache-control', 'no-store').sendFile('index.html');
  });
}
