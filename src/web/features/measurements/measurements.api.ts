import type { z } from 'zod';
import type {
  AssessmentBody,
  AssessmentDto,
  ChildWelfareBody,
  ChildWelfarePatch,
  ConcernReportBody,
  ConcernReportPatch,
  MeasurementsDto,
  RateGoalsBody,
  SchoolAttendanceBody,
  SchoolAttendancePatch,
  SupportPeriodBody,
  SupportPeriodPatch,
} from '../../../shared/measurements';
import { api } from '../../api/client';

export type Measurements = MeasurementsDto;
export type Member = MeasurementsDto['members'][number];

export const measurementKeys = {
  family: (familyId: string) => ['measurements', familyId] as const,
};

const base = (familyId: string) => `/api/v1/families/${encodeURIComponent(familyId)}`;

export function fetchMeasurements(familyId: string, signal?: AbortSignal): Promise<Measurements> {
  return api('GET', `${base(familyId)}/measurements`, { signal });
}

export function rateGoals(familyId: string, body: z.input<typeof RateGoalsBody>): Promise<{ ratings: unknown[] }> {
  return api('POST', `${base(familyId)}/plan/ratings`, { body });
}

export function recordAssessment(familyId: string, body: z.input<typeof AssessmentBody>): Promise<AssessmentDto> {
  return api('POST', `${base(familyId)}/assessments`, { body });
}

/** The register outcomes: one path each, the same create / change / delete. */
export interface OutcomeBodies {
  'support-periods': { create: z.input<typeof SupportPeriodBody>; patch: z.input<typeof SupportPeriodPatch> };
  'child-welfare-periods': { create: z.input<typeof ChildWelfareBody>; patch: z.input<typeof ChildWelfarePatch> };
  'concern-reports': { create: z.input<typeof ConcernReportBody>; patch: z.input<typeof ConcernReportPatch> };
  'school-attendance': { create: z.input<typeof SchoolAttendanceBody>; patch: z.input<typeof SchoolAttendancePatch> };
}
export type OutcomePath = keyof OutcomeBodies;

export function createOutcome<P extends OutcomePath>(familyId: string, path: P, body: OutcomeBodies[P]['create']): Promise<unknown> {
  return api('POST', `${base(familyId)}/${path}`, { body });
}

export function changeOutcome<P extends OutcomePath>(familyId: string, path: P, id: string, body: OutcomeBodies[P]['patch']): Promise<unknown> {
  return api('PATCH', `${base(familyId)}/${path}/${encodeURIComponent(id)}`, { body });
}

export function deleteOutcome(familyId: string, path: OutcomePath, id: string): Promise<unknown> {
  return api('DELETE', `${base(familyId)}/${path}/${encodeURIComponent(id)}`);
}
