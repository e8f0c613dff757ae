import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sortedByDanishName } from '../../../shared/danish-order.js';
import { CASE_DATA_ROLES } from '../../../shared/roles.js';
import { StaffDirectoryDto, StaffQuery } from '../../../shared/staff.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { withUser } from '../../http/request.js';
import { errorResponses } from '../../http/schemas.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { z } from 'zod';

/**
 * Active staff with a case role, optionally by role or department, for choosing coordinators, team members, task
 * assignees and meeting participants. Administrators and analysts are not in it: they see no case content, so none
 * of these can be given to them.
 */
async function listStaff(ctx: Ctx, q: z.infer<typeof StaffQuery>) {
  await requireRole(ctx, ['coordinator', 'professional', 'manager', 'admin'], 'staff.list');
  const rows = await ctx.tx
    .select({ u: staffUser, departmentName: department.name })
    .from(staffUser)
    .leftJoin(department, and(eq(department.municipalityId, staffUser.municipalityId), eq(department.id, staffUser.departmentId)))
    .where(
      and(
        eq(staffUser.municipalityId, ctx.municipalityId),
        eq(staffUser.active, true),
        sql`${staffUser.roles} && ${sql.raw(`array[${CASE_DATA_ROLES.map((r) => `'${r}'`).join(', ')}]::text[]`)}`,
        q.role ? sql`${q.role} = any(${staffUser.roles})` : sql`true`,
        q.departmentId ? eq(staffUser.departmentId, q.departmentId) : sql`true`,
      ),
    )
    .orderBy(asc(staffUser.name), asc(staffUser.id));
  return sortedByDanishName(rows, (r) => r.u.name).map(({ u, departmentName }) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    roles: u.roles,
    profession: u.profession,
    departmentId: u.departmentId,
    departmentName,
  }));
}

/** Active departments (id, code, name) for choosing consent scope and team departments. */
async function listActiveDepartments(ctx: Ctx) {
  await requireRole(ctx, ['coordinator', 'professional', 'manager', 'admin'], 'department.list');
  const rows = await ctx.tx
    .select({ id: department.id, code: department.code, name: department.name })
    .from(department)
    .where(and(eq(department.municipalityId, ctx.municipalityId), eq(department.active, true)))
    .orderBy(asc(department.name), asc(department.id));
  return sortedByDanishName(rows, (d) => d.name);
}

const DepartmentsDto = z.object({ departments: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })) });

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/departments',
    { schema: { tags: ['staff'], summary: 'Active departments, for choosing consent scope and team departments', response: { 200: DepartmentsDto, ...errorResponses } } },
    async (req, reply) => ({ departments: await withUser(req, reply, (ctx) => listActiveDepartments(ctx)) }),
  );
  app.get(
    '/staff',
    { schema: { tags: ['staff'], summary: 'Active staff (names and units) for choosing coordinators and team members', querystring: StaffQuery, response: { 200: StaffDirectoryDto, ...errorResponses } } },
    async (req, reply) => ({ staff: await withUser(req, reply, (ctx) => listStaff(ctx, req.query)) }),
  );
};
