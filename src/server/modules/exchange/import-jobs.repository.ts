import { and, eq, inArray } from 'drizzle-orm';
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

/**
 * Marks a job as interrupted, but only while it is still queued or running. A run that has just written its
 * outcome keeps it: on PostgreSQL the statement waits for that run's commit and then finds nothing to change.
 */
export async function markImportJobInterrupted(tx: Tx, municipalityId: string, id: string, now: Date): Promise<ImportJobRow | undefined> {
  const [job] = await tx
    .update(exchangeImportJob)
    .set({ status: 'failed', failure: 'interrupted', finishedAt: now })
    .where(and(eq(exchangeImportJob.municipalityId, municipalityId), eq(exchangeImportJob.id, id), inArray(exchangeImportJob.status, ['queued', 'running'])))
    .returning();
  return job;
}
