import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditActorsDto, AuditPageDto, AuditQuery } from '../../../shared/audit.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { auditActors, readAuditLog } from './auditlog.service.js';

/** The audit log for managers and administrators. */
export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { tags: ['audit'], summary: 'Audit events, newest first, filtered', querystring: AuditQuery, response: { 200: AuditPageDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => readAuditLog(ctx, req.query)),
  );
  app.get(
    '/audit/actors',
    { schema: { tags: ['audit'], summary: 'Staff names for the audit filter', response: { 200: AuditActorsDto, ...errorResponses } } },
    async (req, reply) => ({ actors: await withUser(req, reply, (ctx) => auditActors(ctx)) }),
  );
};
