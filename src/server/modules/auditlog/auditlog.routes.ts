import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditActorsDto, AuditPageDto, AuditPersonLookupBody, AuditPersonLookupDto, AuditQuery } from '../../../shared/audit.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { auditActors, lookupAuditPerson, readAuditLog } from './auditlog.service.js';

/** The audit log for managers and administrators. */
export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { tags: ['audit'], summary: 'Audit events, newest first, filtered', querystring: AuditQuery, response: { 200: AuditPageDto, ...errorResponses } } },
    async (req, reply) => withUser(req, reply, (ctx) => readAuditLog(ctx, req.query)),
  );
  app.post(
    '/audit/person-lookup',
    {
      schema: {
        tags: ['audit'],
        summary: 'The person a CPR number belongs to, for filtering the log by a citizen (CPR in the body, audited as a keyed hash)',
        body: AuditPersonLookupBody,
        response: { 200: AuditPersonLookupDto, ...errorResponses },
      },
    },
    async (req, reply) => withUser(req, reply, (ctx) => lookupAuditPerson(ctx, req.body.cpr)),
  );
  app.get(
    '/audit/actors',
    { schema: { tags: ['audit'], summary: 'Staff names for the audit filter', response: { 200: AuditActorsDto, ...errorResponses } } },
    async (req, reply) => ({ actors: await withUser(req, reply, (ctx) => auditActors(ctx)) }),
  );
};
