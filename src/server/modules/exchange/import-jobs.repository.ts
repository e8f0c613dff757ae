import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { exchangeImportJob } from './import-jobs.table.js';

export type ImportJobRow = typeof exchangeImportJob.$inferSelect;
type ImportJobChange = Partial<Omit<typeof exchangeImportJob.$inferInsert, 'municipalityId' | 'id'>>;

export async function insertImportJob(tx: Tx, row: typeof exchangeImportJob.$inferInsert): Promise<ImportJobRow> {
  const [job] = await tx.insert(exchangeImportJob).values(row).returning();
  return job!;
}

export async function findImportJob(tx: Tx, municipalityId: string, id: string): Promise<ImportJobRow | undefined> {
  const [job] = await tx
    .select()
    .from(exchangeImportJob)
    .where(and(eq(exchangeImportJob.municipalityId, municipalityId), eq(exchangeImportJob.id, id)));
  return job;
}

export async function updateImportJob(tx: Tx, municipalityId: string, id: string, change: ImportJobChange): Promise<ImportJobRow | undefined> {
  const [job] = await tx
    .update(exchangeImportJob)
    .set(change)
    .where(and(eq(exchangeImportJob.municipalityId, municipalityId), eq(exchangeImportJob.id, id)))
    .returning();
  return job;
}
