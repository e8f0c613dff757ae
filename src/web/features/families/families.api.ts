import type { z } from 'zod';
import type {
  AddMemberBody,
  AddTeamMemberBody,
  AssignCoordinatorBody,
  BreakGlassListDto,
  CaseloadDto,
  CaseloadQuery,
  CreateFamilyBody,
  DistributionDto,
  EndTeamMemberBody,
  RecordConsentBody,
  SetCustodyBody,
  TeamFamiliesDto,
  TransitionBody,
  TransitionResultDto,
  UpdatePersonBody,
  WithdrawConsentBody,
} from '../../../shared/families';
import type { FamilyOverviewDto } from '../../../shared/family-overview';
import { api } from '../../api/client';

export type FamilyOverview = FamilyOverviewDto;
export type FamilyData = FamilyOverviewDto['data'];
export type Member = FamilyData['members'][number];
export type Consent = FamilyData['consents'][number];
export type TeamMember = FamilyData['team'][number];
export type CaseloadFamily = z.infer<typeof CaseloadDto>['families'][number];
export type CaseloadParams = Partial<z.input<typeof CaseloadQuery>>;
export type TeamFamilies = z.infer<typeof TeamFamiliesDto>;
export type TeamFamily = TeamFamilies['families'][number];
export type CoordinatorLoad = z.infer<typeof DistributionDto>['coordinators'][number];
export type BreakGlassAccess = z.infer<typeof BreakGlassListDto>['accesses'][number];

export const familyKeys = {
  all: ['families'] as const,
  overview: (id: string) => ['families', id] as const,
  caseload: (params: CaseloadParams) => ['caseload', params] as const,
  caseloadAll: ['caseload'] as const,
  distribution: ['caseload-distribution'] as const,
  teamFamilies: ['team-families'] as const,
  breakGlass: (all: boolean) => ['break-glass', all] as const,
  breakGlassAll: ['break-glass'] as const,
};

const path = (id: string) => `/api/v1/families/${encodeURIComponent(id)}`;
const personPath = (id: string, personId: string) => `${path(id)}/persons/${encodeURIComponent(personId)}`;

export function fetchFamily(id: string, signal?: AbortSignal): Promise<FamilyOverview> {
  return api('GET', path(id), { signal });
}

export function createFamily(body: z.input<typeof CreateFamilyBody>): Promise<{ id: string }> {
  return api('POST', '/api/v1/families', { body });
}

export function addMember(id: string, body: z.input<typeof AddMemberBody>): Promise<{ ok: true }> {
  return api('POST', `${path(id)}/members`, { body });
}

export function updatePerson(id: string, personId: string, body: z.input<typeof UpdatePersonBody>): Promise<{ ok: true }> {
  return api('PATCH', personPath(id, personId), { body });
}

export function setCustody(id: string, personId: string, body: z.input<typeof SetCustodyBody>): Promise<{ ok: true }> {
  return api('PUT', `${personPath(id, personId)}/custody`, { body });
}

export type RevealWhat = 'cpr' | 'address';

export function reveal(id: string, personId: string, body: { what: RevealWhat; purpose: string }): Promise<{ value: string | null }> {
  return api('POST', `${personPath(id, personId)}/reveal`, { body });
}

export function recordConsent(id: string, body: z.input<typeof RecordConsentBody>): Promise<{ id: string }> {
  return api('POST', `${path(id)}/consents`, { body });
}

export function withdrawConsent(id: string, consentId: string, body: z.input<typeof WithdrawConsentBody>): Promise<{ ok: true }> {
  return api('POST', `${path(id)}/consents/${encodeURIComponent(consentId)}/withdraw`, { body });
}

export type TransitionEnded = z.infer<typeof TransitionResultDto>['ended'];

export function transition(id: string, body: z.input<typeof TransitionBody>): Promise<z.infer<typeof TransitionResultDto>> {
  return api('POST', `${path(id)}/status`, { body });
}

export function assignCoordinator(id: string, body: z.input<typeof AssignCoordinatorBody>): Promise<{ ok: true }> {
  return api('POST', `${path(id)}/coordinator`, { body });
}

export function addTeamMember(id: string, body: z.input<typeof AddTeamMemberBody>): Promise<{ id: string }> {
  return api('POST', `${path(id)}/team`, { body });
}

export function endTeamMember(id: string, memberId: string, body: z.input<typeof EndTeamMemberBody>): Promise<{ ok: true }> {
  return api('POST', `${path(id)}/team/${encodeURIComponent(memberId)}/end`, { body });
}

export function breakGlass(id: string, reason: string): Promise<{ ok: true }> {
  return api('POST', `${path(id)}/break-glass`, { body: { reason } });
}

export async function fetchCaseload(params: CaseloadParams, signal?: AbortSignal): Promise<CaseloadFamily[]> {
  const query = { status: params.status, q: params.q, sort: params.sort, dir: params.dir, coordinatorId: params.coordinatorId };
  return (await api<z.infer<typeof CaseloadDto>>('GET', '/api/v1/caseload', { query, signal })).families;
}

/** Mine familier: the families whose team the signed-in user is on today. */
export function fetchTeamFamilies(signal?: AbortSignal): Promise<TeamFamilies> {
  return api('GET', '/api/v1/team-families', { signal });
}

export async function fetchDistribution(): Promise<CoordinatorLoad[]> {
  return (await api<z.infer<typeof DistributionDto>>('GET', '/api/v1/caseload/distribution')).coordinators;
}

export async function fetchBreakGlass(all: boolean): Promise<BreakGlassAccess[]> {
  return (await api<z.infer<typeof BreakGlassListDto>>('GET', '/api/v1/break-glass', { query: { all: String(all) } })).accesses;
}

export function reviewBreakGlass(id: string, note: string | undefined): Promise<{ ok: true }> {
  return api('POST', `/api/v1/break-glass/${encodeURIComponent(id)}/review`, { body: note ? { note } : {} });
}
