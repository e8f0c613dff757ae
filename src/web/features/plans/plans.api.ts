import type { z } from 'zod';
import type { ActionBody, ActionPatchBody, BaselineBody, GoalBody, GoalPatchBody, LifeDomainBody, LifeDomainDto, PlanDiffDto, PlanDto, PlanVersionDto, PublishBody, SignOffBody } from '../../../shared/plans';
import type { Lang } from '../../../shared/i18n';
import { api } from '../../api/client';

export type Plan = PlanDto;
export type PlanGoal = PlanDto['goals'][number];
export type PlanAction = PlanGoal['actions'][number];
export type PlanVersion = PlanVersionDto;
export type PlanDiff = z.infer<typeof PlanDiffDto>;
export type LifeDomain = LifeDomainDto;

export const planKeys = {
  plan: (familyId: string) => ['plan', familyId] as const,
  versions: (familyId: string) => ['plan', familyId, 'versions'] as const,
  diff: (familyId: string, a: number, b: number | 'draft') => ['plan', familyId, 'diff', a, b] as const,
  lifeDomains: ['life-domains'] as const,
};

const base = (familyId: string) => `/api/v1/families/${encodeURIComponent(familyId)}/plan`;

export function fetchPlan(familyId: string, signal?: AbortSignal): Promise<Plan> {
  return api('GET', base(familyId), { signal });
}

export async function fetchLifeDomains(): Promise<LifeDomain[]> {
  return (await api<{ domains: LifeDomain[] }>('GET', '/api/v1/life-domains')).domains;
}

/** Adds a life domain to the municipality's list or changes one (administrators). */
export function putLifeDomain(code: string, body: z.input<typeof LifeDomainBody>): Promise<LifeDomain> {
  return api('PUT', `/api/v1/admin/life-domains/${encodeURIComponent(code)}`, { body });
}

export function addGoal(familyId: string, body: z.input<typeof GoalBody>): Promise<Plan> {
  return api('POST', `${base(familyId)}/goals`, { body });
}

export function changeGoal(familyId: string, goalId: string, body: z.input<typeof GoalPatchBody>): Promise<Plan> {
  return api('PATCH', `${base(familyId)}/goals/${encodeURIComponent(goalId)}`, { body });
}

export function removeGoal(familyId: string, goalId: string, draftVersion: number): Promise<Plan> {
  return api('DELETE', `${base(familyId)}/goals/${encodeURIComponent(goalId)}`, { query: { draftVersion } });
}

export function addAction(familyId: string, goalId: string, body: z.input<typeof ActionBody>): Promise<Plan> {
  return api('POST', `${base(familyId)}/goals/${encodeURIComponent(goalId)}/actions`, { body });
}

export function changeAction(familyId: string, actionId: string, body: z.input<typeof ActionPatchBody>): Promise<Plan> {
  return api('PATCH', `${base(familyId)}/actions/${encodeURIComponent(actionId)}`, { body });
}

export function removeAction(familyId: string, actionId: string, draftVersion: number): Promise<Plan> {
  return api('DELETE', `${base(familyId)}/actions/${encodeURIComponent(actionId)}`, { query: { draftVersion } });
}

export function setBaseline(familyId: string, body: z.input<typeof BaselineBody>): Promise<Plan> {
  return api('PUT', `${base(familyId)}/baseline`, { body });
}

export function linkIntervention(familyId: string, goalId: string, interventionId: string, draftVersion: number): Promise<Plan> {
  return api('PUT', `${base(familyId)}/goals/${encodeURIComponent(goalId)}/interventions/${encodeURIComponent(interventionId)}`, { body: { draftVersion } });
}

export function unlinkIntervention(familyId: string, goalId: string, interventionId: string, draftVersion: number): Promise<Plan> {
  return api('DELETE', `${base(familyId)}/goals/${encodeURIComponent(goalId)}/interventions/${encodeURIComponent(interventionId)}`, { query: { draftVersion } });
}

export function publishPlan(familyId: string, body: z.input<typeof PublishBody>): Promise<Plan> {
  return api('POST', `${base(familyId)}/publish`, { body });
}

export async function fetchVersions(familyId: string): Promise<PlanVersion[]> {
  return (await api<{ versions: PlanVersion[] }>('GET', `${base(familyId)}/versions`)).versions;
}

export function fetchDiff(familyId: string, a: number, b: number | 'draft'): Promise<PlanDiff> {
  return api('GET', `${base(familyId)}/versions/${a}/diff/${b}`);
}

export function signOff(familyId: string, versionId: string, body: z.input<typeof SignOffBody>): Promise<PlanVersion> {
  return api('POST', `${base(familyId)}/versions/${encodeURIComponent(versionId)}/sign-offs`, { body });
}

/** The current version as a PDF for the family; a plain link, so the browser downloads it with the session cookie. */
export function planPdfUrl(familyId: string, lang: Lang): string {
  return `${base(familyId)}/pdf?lang=${lang}`;
}
