import { z } from 'zod';
import { DEFAULT_PUBLIC_SUPPORT, SupportStatusSchema, type SupportStatus } from './measurements.js';
import { RoleSchema, type Role } from './roles.js';

export const MunicipalityCodeSchema = z.string().regex(/^[0-9]{3}$/, { error: 'code3' });
export const MunicipalityNameSchema = z.string().trim().min(1, { error: 'required' }).max(100);

/** Per-municipality settings kept as JSON on the municipality row. */
export const MunicipalitySettingsSchema = z.strictObject({
  /** Roles that must use a second factor. Default: every role that can see case data, plus admin. */
  mfaRequiredRoles: z.array(RoleSchema),
  /** How often an active goal is to be rated; the daily deadline job raises a task when a rating is due. Absent: the default. */
  goalRatingIntervalMonths: z.number().int().min(1).max(12).optional(),
  /** Support statuses that count as public support (offentlig forsørgelse). Absent: the jobindsats.dk default. */
  publicSupportStatuses: z.array(SupportStatusSchema).optional(),
});
export type MunicipalitySettings = z.infer<typeof MunicipalitySettingsSchema>;

export const DEFAULT_MFA_ROLES: Role[] = ['coordinator', 'professional', 'manager', 'admin'];

/** Goals are rated every three months unless the municipality chose otherwise. */
export const DEFAULT_GOAL_RATING_INTERVAL_MONTHS = 3;

export function defaultSettings(): MunicipalitySettings {
  return { mfaRequiredRoles: [...DEFAULT_MFA_ROLES], goalRatingIntervalMonths: DEFAULT_GOAL_RATING_INTERVAL_MONTHS };
}

/** The months between goal ratings in force for a municipality (older settings rows lack the key). */
export function goalRatingIntervalOf(settings: Pick<MunicipalitySettings, 'goalRatingIntervalMonths'>): number {
  return settings.goalRatingIntervalMonths ?? DEFAULT_GOAL_RATING_INTERVAL_MONTHS;
}

/** The public-support set in force for a municipality (older settings rows lack the key). */
export function publicSupportOf(settings: Pick<MunicipalitySettings, 'publicSupportStatuses'>): readonly SupportStatus[] {
  return settings.publicSupportStatuses ?? DEFAULT_PUBLIC_SUPPORT;
}

/** Departments every new municipality starts with (DESIGN.md, Domain model). */
export const DEFAULT_DEPARTMENTS: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'jobcenter', name: 'Jobcenter' },
  { code: 'children_family', name: 'Børne- og Familieafdelingen' },
  { code: 'health_visitors', name: 'Sundhedspleje' },
  { code: 'daycare_school', name: 'Dagtilbud og Skole' },
  { code: 'adult_disability', name: 'Voksen/Handicap' },
  { code: 'benefits', name: 'Ydelse' },
];
