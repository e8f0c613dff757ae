import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateDepartmentBody, DepartmentDto, UpdateDepartmentBody } from '../../../shared/admin.js';
import { audit } from '../../audit/audit.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { countActiveUsersIn, findDepartment, findDepartmentByCode, listDepartments } from './departments.repository.js';
import { department } from './departments.table.js';

type Row = typeof department.$inferSelect;

function present(d: Row, activeUsers: number): DepartmentDto {
  return { id: d.id, code: d.code, name: d.name, active: d.active, activeUsers };
}

export async function getDepartments(ctx: Ctx): Promise<DepartmentDto[]> {
  await requireRole(ctx, ['admin'], 'department.list');
  const rows = await listDepartments(ctx.tx, ctx.municipalityId);
  return rows.map((r) => present(r.department, r.activeUsers));
}

export async function createDepartment(ctx: Ctx, body: z.infer<typeof CreateDepartmentBody>): Promise<DepartmentDto> {
  await requireRole(ctx, ['admin'], 'department.create');
  if (await findDepartmentByCode(ctx.tx, ctx.municipalityId, body.code)) throw new AppError('department_code_taken');
  const [row] = await ctx.tx
    .insert(department)
    .values({ municipalityId: ctx.municipalityId, code: body.code, name: body.name, createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  await audit(ctx, { action: 'department.create', targetType: 'department', targetId: row!.id, details: { code: body.code, name: body.name } });
  return present(row!, 0);
}

export async function updateDepartment(ctx: Ctx, id: string, body: z.infer<typeof UpdateDepartmentBody>): Promise<DepartmentDto> {
  await requireRole(ctx, ['admin'], 'department.update');
  const existing = await findDepartment(ctx.tx, ctx.municipalityId, id);
  if (!existing) throw new AppError('not_found');
  const activeUsers = await countActiveUsersIn(ctx.tx, ctx.municipalityId, id);
  if (body.active === false && existing.active && activeUsers > 0) throw new AppError('department_in_use');
  const [row] = await ctx.tx
    .update(department)
    .set({ ...body, updatedAt: ctx.now })
    .where(and(eq(department.municipalityId, ctx.municipalityId), eq(department.id, id)))
    .returning();
  await audit(ctx, {
    action: 'department.update',
    targetType: 'department',
    targetId: id,
    details: { before: { name: existing.name, active: existing.active }, after: { name: row!.name, active: row!.active } },
  });
  return present(row!, activeUsers);
}
