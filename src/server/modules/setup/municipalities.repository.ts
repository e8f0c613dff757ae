import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { municipality } from '../../db/municipality.table.js';
import { asSystem } from '../../db/tenant.js';

export type Municipality = typeof municipality.$inferSelect;

/** The public list (code and name) for the login page. Read as the owner: it comes before any tenant is known. */
export async function listMunicipalities(db: Db): Promise<Municipality[]> {
  return asSystem(db, (tx) => tx.select().from(municipality).orderBy(asc(municipality.code)));
}

export async function countMunicipalities(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(municipality);
  return row?.n ?? 0;
}

export async function findMunicipalityByCode(tx: Tx, code: string): Promise<Municipality | undefined> {
  const [row] = await tx.select().from(municipality).where(eq(municipality.code, code)).limit(1);
  return row;
}

export async function findMunicipalityById(tx: Tx, id: string): Promise<Municipality | undefined> {
  const [row] = await tx.select().from(municipality).where(eq(municipality.id, id)).limit(1);
  return row;
}
