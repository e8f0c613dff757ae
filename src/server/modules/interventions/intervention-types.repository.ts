import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { department } from '../admin/departments.table.js';
import { interventionType } from './interventions.table.js';
import { sortedByDanishName } from '../../../shared/danish-order.js';

export type InterventionTypeRow = typeof interventionType.$inferSelect;

/** The catalogue with each type's department name, by name. */
export async function listInterventionTypes(tx: Tx, municipalityId: string) {
  const rows = await tx
    .select({ type: interventionType, departmentName: department.name })
    .from(interventionType)
    .innerJoin(department, and(eq(department.municipalityId, interventionType.municipalityId), eq(department.id, interventionType.departmentId)))
    .where(eq(interventionType.municipalityId, municipalityId))
    .orderBy(asc(interventionType.name), asc(interventionType.code));
  return sortedByDanishName(rows, (r) => r.type.name);
}

export async function findInterventionType(tx: Tx, municipalityId: string, id: string): Promise<InterventionTypeRow | undefined> {
  const [row] = await tx
    .select()
    .from(interventionType)
    .where(and(eq(interventionType.municipalityId, municipalityId), eq(interventionType.id, id)))
    .limit(1);
  return row;
}

export async function findInterventionTypeByCode(tx: Tx, municipalityId: string, code: string): Promise<InterventionTypeRow | undefined> {
  const [row] = await tx
    .select()
    .from(interventionType)
    .where(and(eq(interventionType.municipalityId, municipalityId), eq(interventionType.code, code)))
    .limit(1);
  return row;
}

export async function insertInterventionType(tx: Tx, values: typeof interventionType.$inferInsert): Promise<InterventionTypeRow> {
  const [row] = await tx.insert(interventionType).values(values).returning();
  return row!;
}

export async function updateInterventionType(
  tx: Tx,
  municipalityId: string,
  id: string,
  values: Partial<typeof interventionType.$inferInsert>,
): Promise<InterventionTypeRow> {
  const [row] = await tx
    .update(interventionType)
    .set(values)
    .where(and(eq(interventionType.municipalityId, municipalityId), eq(interventionType.id, id)))
    .returning();
  return row!;
}
