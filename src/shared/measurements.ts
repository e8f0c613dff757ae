import { z } from 'zod';

/** Support status codes (forsørgelse), DESIGN.md "Codes". A municipality may change its public-support set, never a code's meaning. */
export const SUPPORT_STATUSES = [
  'employed',
  'self_employed',
  'education_su',
  'other_self_supported',
  'a_dagpenge',
  'kontanthjaelp',
  'uddannelseshjaelp',
  'integrationsydelse',
  'revalidering',
  'sygedagpenge',
  'jobafklaring',
  'ressourceforloeb',
  'ledighedsydelse',
  'fleksjob',
  'foertidspension',
  'efterloen',
  'barselsdagpenge',
  'unknown',
] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
export const SupportStatusSchema = z.enum(SUPPORT_STATUSES);

/** Offentlig forsørgelse by default: the jobindsats.dk list. `education_su` and `barselsdagpenge` are not in it. */
export const DEFAULT_PUBLIC_SUPPORT: readonly SupportStatus[] = [
  'a_dagpenge',
  'kontanthjaelp',
  'uddannelseshjaelp',
  'integrationsydelse',
  'revalidering',
  'sygedagpenge',
  'jobafklaring',
  'ressourceforloeb',
  'ledighedsydelse',
  'fleksjob',
  'foertidspension',
  'efterloen',
];

/** Self-supporting on a date: a known status (not `unknown`) that is not in the public-support set. */
export function isSelfSupporting(status: SupportStatus | null | undefined, publicSupport: readonly SupportStatus[]): boolean {
  return status != null && status !== 'unknown' && !publicSupport.includes(status);
}

export const CHILD_WELFARE_KINDS = ['investigation', 'measure', 'placement'] as const;
export type ChildWelfareKind = (typeof CHILD_WELFARE_KINDS)[number];
export const ChildWelfareKindSchema = z.enum(CHILD_WELFARE_KINDS);

export const RESPONDENTS = ['family', 'coordinator', 'professional'] as const;
export type Respondent = (typeof RESPONDENTS)[number];
export const RespondentSchema = z.enum(RESPONDENTS);

/** Answered instruments. Instruments are versioned code, not free forms. */
export const INSTRUMENTS = ['life_domains', 'experience', 'who5'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
export const InstrumentSchema = z.enum(INSTRUMENTS);

/** The family's experience of the effort, version 1: five items answered 1–5 (DESIGN.md, Assessment). */
export const EXPERIENCE_ITEMS_V1 = ['knowsPlan', 'ownGoals', 'oneEntry', 'workTogether', 'listenedTo'] as const;
/** WHO-5 well-being index, version 1: five items answered 0–5; the raw score 0–25 × 4 gives 0–100. */
export const WHO5_ITEMS_V1 = ['cheerful', 'calm', 'active', 'rested', 'interested'] as const;

/** Sources of a concern report (underretning); free text is allowed beside these. */
export const CONCERN_SOURCES = ['school', 'daycare', 'health_visitor', 'police', 'hospital', 'anonymous', 'other'] as const;
