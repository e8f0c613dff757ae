import type { ImportJobAcceptedDto, ImportJobDto } from '../../../shared/exchange/import-jobs';
import { api } from '../../api/client';

export const exchangeKeys = {
  job: (jobId: string) => ['exchange', 'import', jobId] as const,
};

/** Sends a parsed helhed-exchange file; the server answers at once with the job to follow. */
export function startImport(doc: unknown): Promise<ImportJobAcceptedDto> {
  return api<ImportJobAcceptedDto>('POST', '/api/v1/exchange/import', { body: doc });
}

export function fetchImportJob(jobId: string): Promise<ImportJobDto> {
  return api<ImportJobDto>('GET', `/api/v1/exchange/import/${encodeURIComponent(jobId)}`);
}

/** The export as a download (the server sends it as an attachment). */
export function exportUrl(pseudonymise: boolean): string {
  return `/api/v1/exchange/export?pseudonymise=${pseudonymise ? 'true' : 'false'}`;
}

export function isFinished(job: ImportJobDto | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}
