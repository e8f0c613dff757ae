import type { z } from 'zod';
import type {
  CreateInterventionBody,
  DeleteInterventionBody,
  EndInterventionBody,
  InterventionDto,
  InterventionTypeBody,
  InterventionTypeDto,
  OverlapDto,
  OverlapListDto,
  UpdateInterventionBody,
  UpdateInterventionTypeBody,
} from '../../../shared/interventions';
import { api } from '../../api/client';

export type InterventionType = InterventionTypeDto;
export type Intervention = InterventionDto;
export type Overlap = OverlapDto;

export const interventionKeys = {
  types: ['intervention-types'] as const,
  overlaps: ['intervention-overlaps'] as const,
};

export async function fetchInterventionTypes(): Promise<InterventionType[]> {
  return (await api<{ types: InterventionType[] }>('GET', '/api/v1/intervention-types')).types;
}

export function createInterventionType(body: z.input<typeof InterventionTypeBody>): Promise<InterventionType> {
  return api('POST', '/api/v1/admin/intervention-types', { body });
}

export function updateInterventionType(id: string, body: z.input<typeof UpdateInterventionTypeBody>): Promise<InterventionType> {
  return api('PATCH', `/api/v1/admin/intervention-types/${encodeURIComponent(id)}`, { body });
}

export function registerIntervention(familyId: string, body: z.input<typeof CreateInterventionBody>): Promise<Intervention> {
  return api('POST', `/api/v1/families/${encodeURIComponent(familyId)}/interventions`, { body });
}

export function changeIntervention(familyId: string, interventionId: string, body: z.input<typeof UpdateInterventionBody>): Promise<Intervention> {
  return api('PATCH', `/api/v1/families/${encodeURIComponent(familyId)}/interventions/${encodeURIComponent(interventionId)}`, { body });
}

export function deleteIntervention(familyId: string, interventionId: string, body: z.input<typeof DeleteInterventionBody>): Promise<{ ok: true }> {
  return api('POST', `/api/v1/families/${encodeURIComponent(familyId)}/interventions/${encodeURIComponent(interventionId)}/delete`, { body });
}

export function endIntervention(familyId: string, interventionId: string, body: z.input<typeof EndInterventionBody>): Promise<Intervention> {
  return api('POST', `/api/v1/families/${encodeURIComponent(familyId)}/interventions/${encodeURIComponent(interventionId)}/end`, { body });
}

export function fetchOverlaps(): Promise<z.infer<typeof OverlapListDto>> {
  return api('GET', '/api/v1/interventions/overlaps');
}
