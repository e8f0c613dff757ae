import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBody, LoginResult, MfaEnrolment, TotpCodeBody } from '../../shared/auth.js';
import { AppError } from '../errors.js';
import { clearSessionCookie, setSessionCookie, withAnonymous, withUser } from '../http/request.js';
import { errorResponses } from '../http/schemas.js';
import { listMunicipalities } from '../modules/setup/municipalities.repository.js';
import { login, logout, startMfaEnrolment, verifyMfa } from './auth.service.js';
import { sessionCookieValue } from './sessions.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const limited = (ip: string) => {
    if (!app.deps.loginLimiter.take(ip)) throw new AppError('rate_limited');
  };

  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], summary: 'Log in with e-mail and password', body: LoginBody, response: { 200: LoginResult, ...errorResponses } } },
    async (req, reply) => {
      limited(req.ip);
      const all = await listMunicipalities(app.deps.database.db);
      const m = req.body.municipalityCode ? all.find((x) => x.code === req.body.municipalityCode) : all.length === 1 ? all[0] : undefined;
      if (!m) throw new AppError('municipality_required', [{ path: 'municipalityCode', message: '' }]);
      const out = await withAnonymous(req, m.id, (ctx) => login(ctx, req.body, m, app.deps.config));
      setSessionCookie(req, reply, sessionCookieValue(m.id, out.token));
      return { stage: out.stage, mfaEnrolled: out.mfaEnrolled };
    },
  );

  app.post(
    '/auth/mfa/enrol',
    { schema: { tags: ['auth'], summary: 'Start enrolling an authenticator app (second factor)', response: { 200: MfaEnrolment, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx, auth) => startMfaEnrolment(ctx, auth.row), { allowMfaStage: true }),
  );

  app.post(
    '/auth/mfa/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm the login (or the enrolment) with a one-time code',
        body: TotpCodeBody,
        response: { 200: z.object({ stage: z.literal('active') }), ...errorResponses },
      },
    },
    async (req, reply) => {
      limited(req.ip);
      let municipalityId = '';
      const token = await withUser(
        req,
        reply,
        (ctx, auth) => {
          municipalityId = ctx.municipalityId;
          return verifyMfa(ctx, auth.row, auth.tokenHash, req.body.code, app.deps.config);
        },
        { allowMfaStage: true },
      );
      setSessionCookie(req, reply, sessionCookieValue(municipalityId, token));
      return { stage: 'active' as const };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await withUser(req, reply, (ctx, auth) => logout(ctx, auth.row, auth.tokenHash), { allowMfaStage: true, allowPasswordChange: true });
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );
};
