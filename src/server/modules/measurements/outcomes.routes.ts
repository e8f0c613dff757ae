import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  ChildWelfareBody,
  ChildWelfareDto,
  ChildWelfarePatch,
  ConcernReportBody,
  ConcernReportDto,
  ConcernReportPatch,
  FamilyParams,
  RecordParams,
  SchoolAttendanceBody,
  SchoolAttendanceDto,
  SchoolAttendancePatch,
  SupportPeriodBody,
  SupportPeriodDto,
  SupportPeriodPatch,
} from '../../../shared/measurements.js';
import type { Ctx } from '../../context.js';
import { withUser } from '../../http/request.js';
import { OkDto, errorResponses } from '../../http/schemas.js';
import * as outcomes from './outcomes.service.js';

/** One kind of record; the service functions take the parsed body the route's schema checked. */
interface Resource {
  path: string;
  what: string;
  body: z.ZodType;
  patch: z.ZodType;
  dto: z.ZodType;
  create: (ctx: Ctx, familyId: string, body: never) => Promise<unknown>;
  change: (ctx: Ctx, familyId: string, id: string, patch: never) => Promise<unknown>;
  remove: (ctx: Ctx, familyId: string, id: string) => Promise<{ ok: true }>;
}

/** The outcomes registers hold, per member: each kind is created, changed (a period is ended by setting `to`) and deleted. */
export const outcomeRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['measurements'];
  function resource(r: Resource) {
    app.post(
      `/families/:familyId/${r.path}`,
      { schema: { tags, summary: `Record ${r.what}`, params: FamilyParams, body: r.body, response: { 201: r.dto, ...errorResponses } } },
      async (req, reply) => reply.code(201).send(await withUser(req, reply, (ctx) => r.create(ctx, req.params.familyId, req.body as never))),
    );
    app.patch(
      `/families/:familyId/${r.path}/:recordId`,
      { schema: { tags, summary: `Change ${r.what}`, params: RecordParams, body: r.patch, response: { 200: r.dto, ...errorResponses } } },
      async (req, reply) => withUser(req, reply, (ctx) => r.change(ctx, req.params.familyId, req.params.recordId, req.body as never)),
    );
    app.delete(
      `/families/:familyId/${r.path}/:recordId`,
      { schema: { tags, summary: `Delete ${r.what}`, params: RecordParams, response: { 200: OkDto, ...errorResponses } } },
      async (req, reply) => withUser(req, reply, (ctx) => r.remove(ctx, req.params.familyId, req.params.recordId)),
    );
  }
  resource({
    path: 'support-periods',
    what: "an adult's support-status period (periods of one person never overlap)",
    body: SupportPeriodBody,
    patch: SupportPeriodPatch,
    dto: SupportPeriodDto,
    create: outcomes.createSupportPeriod,
    change: outcomes.changeSupportPeriod,
    remove: outcomes.removeSupportPeriod,
  });
  resource({
    path: 'child-welfare-periods',
    what: "a child's child-welfare period (investigation, measure, placement) with its legal basis",
    body: ChildWelfareBody,
    patch: ChildWelfarePatch,
    dto: ChildWelfareDto,
    create: outcomes.createChildWelfarePeriod,
    change: outcomes.changeChildWelfarePeriod,
    remove: outcomes.removeChildWelfarePeriod,
  });
  resource({
    path: 'concern-reports',
    what: 'a concern report about a child',
    body: ConcernReportBody,
    patch: ConcernReportPatch,
    dto: ConcernReportDto,
    create: outcomes.createConcernReport,
    change: outcomes.changeConcernReport,
    remove: outcomes.removeConcernReport,
  });
  resource({
    path: 'school-attendance',
    what: "a child's school absence over a period",
    body: SchoolAttendanceBody,
    patch: SchoolAttendancePatch,
    dto: SchoolAttendanceDto,
    create: outcomes.createSchoolAttendance,
    change: outcomes.changeSchoolAttendance,
    remove: outcomes.removeSchoolAttendance,
  });
};
