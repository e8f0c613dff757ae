import type { AuditEventDto } from '../../../shared/audit';
import { api } from '../../api/client';

export interface AuditFilters {
  actorUserId?: string;
  action?: string;
  outcome?: 'success' | 'denied' | 'failure';
  personId?: string;
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  actors: ['audit', 'actors'] as const,
  events: (filters: AuditFilters) => ['audit', 'events', filters] as const,
};

export function fetchAuditPage(filters: AuditFilters, before: number | undefined, signal?: AbortSignal): Promise<{ events: AuditEventDto[]; nextBefore: number | null }> {
  return api('GET', '/api/v1/audit', { query: { ...filters, before, limit: AUDIT_PAGE_SIZE }, signal });
}

export async function fetchAuditActors(): Promise<Array<{ id: string; name: string }>> {
  return (await api<{ actors: Array<{ id: string; name: string }> }>('GET', '/api/v1/audit/actors')).actors;
}

/** The person a CPR number belongs to (null: none in the municipality); the number goes in the body, never the address. */
export async function lookupAuditPerson(cpr: string): Promise<string | null> {
  return (await api<{ personId: string | null }>('POST', '/api/v1/audit/person-lookup', { body: { cpr } })).personId;
}
