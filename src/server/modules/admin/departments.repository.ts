import { and, asc, eq, sql } from 'drizzle-orm';
import { sortedByDanishName } from '../../../shared/danish-order.js';
import type { Tx } from '../../db/client.js';
import { department } from './departments.table.js';
import { staffUser } from './users.table.js';

export type Department = typeof department.$inferSelect;

export async function listDepartments(tx: Tx, municipalityId: string) {
  const rows = await tx
    .select({
      department,
      // The outer row named in full: drizzle writes a column inside a selected field without its table, and the
      // subquery would then read it as the user's own (u.id), counting nobody.
      activeUsers: sql<number>`(select count(*)::int from ${staffUser} u where u.municipality_id = "department"."municipality_id" and u.department_id = "department"."id" and u.active)`,
    })
    .from(department)
    .where(eq(department.municipalityId, municipalityId))
    .orderBy(asc(department.name), asc(department.id));
  return sortedByDanishName(rows, (r) => r.department.name);
}

export async function findDepartment(tx: Tx, municipalityId: string, id: string): Promise<Department | undefined> {
  const [row] = await tx
    .select()
    .from(department)
    .where(and(eq(department.municipalityId, municipalityId), eq(department.id, id)))
    .limit(1);
  return row;
}

export async function findDepartmentByCode(tx: Tx, municipalityId: string, code: string): Promise<Department | undefined> {
  const [row] = await tx
    .select()
    .from(department)
    .where(and(eq(department.municipalityId, municipalityId), eq(department.code, code)))
    .limit(1);
  return row;
}

export async function countActiveUsersIn(tx: Tx, municipalityId: string, departmentId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(staffUser)
    .where(and(eq(staffUser.municipalityId, municipalityId), eq(staffUser.departmentId, departmentId), eq(staffUser.active, true)));
  return row?.n ?? 0;
}
