import { and, asc, eq, sql } from 'drizzle-orm';
import { sortedByDanishName } from '../../../shared/danish-order.js';
import type { Tx } from '../../db/client.js';
import { staffUser } from './users.table.js';

export type StaffUser = typeof staffUser.$inferSelect;

export async function listUsers(tx: Tx, municipalityId: string): Promise<StaffUser[]> {
  return sortedByDanishName(await tx.select().from(staffUser).where(eq(staffUser.municipalityId, municipalityId)).orderBy(asc(staffUser.name), asc(staffUser.id)), (u) => u.name);
}

export async function findUser(tx: Tx, municipalityId: string, id: string): Promise<StaffUser | undefined> {
  const [row] = await tx
    .select()
    .from(staffUser)
    .where(and(eq(staffUser.municipalityId, municipalityId), eq(staffUser.id, id)))
    .limit(1);
  return row;
}

/** Locks the row for the rest of the transaction, so two administrators' changes do not interleave. */
export async function findUserForUpdate(tx: Tx, municipalityId: string, id: string): Promise<StaffUser | undefined> {
  const [row] = await tx
    .select()
    .from(staffUser)
    .where(and(eq(staffUser.municipalityId, municipalityId), eq(staffUser.id, id)))
    .for('update')
    .limit(1);
  return row;
}

export async function findUserByEmail(tx: Tx, municipalityId: string, email: string): Promise<StaffUser | undefined> {
  const [row] = await tx
    .select()
    .from(staffUser)
    .where(and(eq(staffUser.municipalityId, municipalityId), eq(staffUser.email, email)))
    .limit(1);
  return row;
}

export async function countActiveAdmins(tx: Tx, municipalityId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(staffUser)
    .where(and(eq(staffUser.municipalityId, municipalityId), eq(staffUser.active, true), sql`'admin' = any(${staffUser.roles})`));
  return row?.n ?? 0;
}

export async function updateUser(tx: Tx, municipalityId: string, id: string, values: Partial<StaffUser>): Promise<StaffUser> {
  const [row] = await tx
    .update(staffUser)
    .set(values)
    .where(and(eq(staffUser.municipalityId, municipalityId), eq(staffUser.id, id)))
    .returning();
  return row!;
}

/** Names of the municipality's staff, for the audit log's user filter. */
export async function listUserNames(tx: Tx, municipalityId: string) {
  const rows = await tx
    .select({ id: staffUser.id, name: staffUser.name })
    .from(staffUser)
    .where(eq(staffUser.municipalityId, municipalityId))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
  return sortedByDanishName(rows, (u) => u.name);
}
