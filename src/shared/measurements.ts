import { z } from 'zod';
import { isIsoDate } from './dates.js';
import { idError, dateError } from './field-messages.js';

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

/** Danish and English names of the support codes, for messages the server writes (the web's i18n files carry the same). */
export const SUPPORT_STATUS_LABELS: Record<SupportStatus, { da: string; en: string }> = {
  employed: { da: 'Lønmodtager', en: 'Employed' },
  self_employed: { da: 'Selvstændig', en: 'Self-employed' },
  education_su: { da: 'Under uddannelse (SU)', en: 'In education (SU)' },
  other_self_supported: { da: 'Anden selvforsørgelse', en: 'Otherwise self-supporting' },
  a_dagpenge: { da: 'A-dagpenge', en: 'Unemployment benefit (a-dagpenge)' },
  kontanthjaelp: { da: 'Kontanthjælp', en: 'Social assistance (kontanthjælp)' },
  uddannelseshjaelp: { da: 'Uddannelseshjælp', en: 'Education assistance (uddannelseshjælp)' },
  integrationsydelse: { da: 'Integrationsydelse', en: 'Integration benefit' },
  revalidering: { da: 'Revalidering', en: 'Rehabilitation (revalidering)' },
  sygedagpenge: { da: 'Sygedagpenge', en: 'Sickness benefit' },
  jobafklaring: { da: 'Jobafklaringsforløb', en: 'Job clarification (jobafklaring)' },
  ressourceforloeb: { da: 'Ressourceforløb', en: 'Resource programme (ressourceforløb)' },
  ledighedsydelse: { da: 'Ledighedsydelse', en: 'Unemployment allowance (ledighedsydelse)' },
  fleksjob: { da: 'Fleksjob', en: 'Flexi-job' },
  foertidspension: { da: 'Førtidspension', en: 'Disability pension' },
  efterloen: { da: 'Efterløn', en: 'Early retirement (efterløn)' },
  barselsdagpenge: { da: 'Barselsdagpenge', en: 'Maternity/paternity benefit' },
  unknown: { da: 'Ukendt', en: 'Unknown' },
};

/** The instruments as versioned code: item set and answer range of the version in force. */
export const CURRENT_INSTRUMENT_VERSION: Record<Instrument, number> = { life_domains: 1, experience: 1, who5: 1 };
export const ANSWER_RANGES: Record<Instrument, { min: number; max: number }> = {
  /** 0–10 per life domain, as the plan's baseline. */
  life_domains: { min: 0, max: 10 },
  experience: { min: 1, max: 5 },
  who5: { min: 0, max: 5 },
};

/** The items of an instrument's version; life domains are the municipality's active domains (passed in). */
export function instrumentItems(instrument: Instrument, lifeDomainCodes: readonly string[]): readonly string[] {
  if (instrument === 'experience') return EXPERIENCE_ITEMS_V1;
  if (instrument === 'who5') return WHO5_ITEMS_V1;
  return lifeDomainCodes;
}

/**
 * Problems with a set of answers: every item of the instrument answered exactly once with a whole number in
 * its range, and no other item. Paths are `answers.<item>`; messages are field-message codes.
 */
export function answerProblems(instrument: Instrument, items: readonly string[], answers: Record<string, number>): Array<{ path: string; message: string }> {
  const { min, max } = ANSWER_RANGES[instrument];
  const problems: Array<{ path: string; message: string }> = [];
  for (const item of items) {
    const v = answers[item];
    if (v === undefined) problems.push({ path: `answers.${item}`, message: 'answer_required' });
    else if (!Number.isInteger(v) || v < min || v > max) problems.push({ path: `answers.${item}`, message: `answer_range_${min}_${max}` });
  }
  for (const key of Object.keys(answers)) {
    if (!items.includes(key)) problems.push({ path: `answers.${key}`, message: 'unknown_item' });
  }
  return problems;
}

/** WHO-5 as reported: the raw score (0–25) × 4, so 0–100. */
export function who5Score(answers: Record<string, number>): number {
  return WHO5_ITEMS_V1.reduce((sum, item) => sum + (answers[item] ?? 0), 0) * 4;
}

/** Concern sources as codes; a free text source is kept as written. */
export type ConcernSource = (typeof CONCERN_SOURCES)[number];

const Id = z.uuid({ error: idError });
const Day = z.string().refine(isIsoDate, { error: dateError });
const LegalBasis = z.string().trim().max(200);
const Source = z.string().trim().min(1, { error: 'required' }).max(100);
const Percent = z.number({ error: 'percent_range' }).min(0, { error: 'percent_range' }).max(100, { error: 'percent_range' });

export const FamilyParams = z.strictObject({ familyId: z.string() });
export const RecordParams = z.strictObject({ familyId: z.string(), recordId: z.string() });

/** Rating the goals of the family's plan in one go: one date and respondent, 0–10 per goal. */
export const RateGoalsBody = z.strictObject({
  date: Day,
  respondent: RespondentSchema,
  ratings: z
    .array(z.strictObject({ goalId: Id, value: z.number({ error: 'rating_range' }).int({ error: 'rating_range' }).min(0, { error: 'rating_range' }).max(10, { error: 'rating_range' }) }))
    .min(1, { error: 'ratings_required' })
    .max(500),
});
export type RateGoalsBody = z.infer<typeof RateGoalsBody>;

export const GoalRatingDto = z.object({ id: z.uuid(), goalId: z.uuid(), date: z.string(), value: z.number().int(), respondent: RespondentSchema });
export const RatedGoalsDto = z.object({ ratings: z.array(GoalRatingDto) });

/** Sections of the Målinger page, as consent narrows them (decision 0017). */
export const MEASUREMENT_SECTIONS = ['supportPeriods', 'childWelfarePeriods', 'concernReports', 'schoolAttendance', 'who5', 'experience', 'lifeDomains'] as const;
export type MeasurementSection = (typeof MEASUREMENT_SECTIONS)[number];

/**
 * What the viewer's consent leaves out: the sections whose kind it does not cover (for life domains: some
 * domain's kind), which the viewer neither sees nor records, and how many records were left out.
 */
export const HiddenByConsentDto = z.object({ sections: z.array(z.enum(MEASUREMENT_SECTIONS)), records: z.number().int() });
export type HiddenByConsentDto = z.infer<typeof HiddenByConsentDto>;

export const AssessmentBody = z.strictObject({
  instrument: InstrumentSchema,
  /** The parent who answered WHO-5; absent for the instruments about the whole family. */
  personId: Id.nullable().optional(),
  date: Day,
  respondent: RespondentSchema,
  answers: z.record(z.string().max(60), z.number({ error: 'answer_number' })),
});
export type AssessmentBody = z.infer<typeof AssessmentBody>;

export const AssessmentDto = z.object({
  id: z.uuid(),
  instrument: InstrumentSchema,
  instrumentVersion: z.number().int(),
  personId: z.uuid().nullable(),
  date: z.string(),
  respondent: RespondentSchema,
  answers: z.record(z.string(), z.number()),
  /** WHO-5: raw × 4 (0–100); the mean answer for the other instruments. */
  score: z.number().nullable(),
  recordedByName: z.string().nullable(),
});
export type AssessmentDto = z.infer<typeof AssessmentDto>;
export const AssessmentListDto = z.object({ assessments: z.array(AssessmentDto), can: z.object({ record: z.boolean() }), hiddenByConsent: HiddenByConsentDto });

export const SupportPeriodBody = z.strictObject({ personId: Id, status: SupportStatusSchema, from: Day, to: Day.nullable().optional() });
export const SupportPeriodPatch = z.strictObject({ status: SupportStatusSchema.optional(), from: Day.optional(), to: Day.nullable().optional() });
export const SupportPeriodDto = z.object({ id: z.uuid(), personId: z.uuid(), status: SupportStatusSchema, from: z.string(), to: z.string().nullable() });

export const ChildWelfareBody = z.strictObject({ personId: Id, kind: ChildWelfareKindSchema, from: Day, to: Day.nullable().optional(), legalBasis: LegalBasis.optional() });
export const ChildWelfarePatch = z.strictObject({ kind: ChildWelfareKindSchema.optional(), from: Day.optional(), to: Day.nullable().optional(), legalBasis: LegalBasis.nullable().optional() });
export const ChildWelfareDto = z.object({ id: z.uuid(), personId: z.uuid(), kind: ChildWelfareKindSchema, from: z.string(), to: z.string().nullable(), legalBasis: z.string().nullable() });

export const ConcernReportBody = z.strictObject({ personId: Id, date: Day, source: Source });
export const ConcernReportPatch = z.strictObject({ date: Day.optional(), source: Source.optional() });
export const ConcernReportDto = z.object({ id: z.uuid(), personId: z.uuid(), date: z.string(), source: z.string().nullable() });

export const SchoolAttendanceBody = z.strictObject({ personId: Id, from: Day, to: Day, absencePercent: Percent });
export const SchoolAttendancePatch = z.strictObject({ from: Day.optional(), to: Day.optional(), absencePercent: Percent.optional() });
export const SchoolAttendanceDto = z.object({ id: z.uuid(), personId: z.uuid(), from: z.string(), to: z.string(), absencePercent: z.number() });

/** The Målinger page: the family's members (who is an adult, a parent, a child) and everything recorded about them. */
export const MeasurementsDto = z.object({
  members: z.array(z.object({ personId: z.uuid(), name: z.string(), role: z.enum(['parent', 'child', 'other']), adult: z.boolean(), child: z.boolean(), parent: z.boolean() })),
  lifeDomains: z.array(z.string()),
  assessments: z.array(AssessmentDto),
  supportPeriods: z.array(SupportPeriodDto),
  childWelfarePeriods: z.array(ChildWelfareDto),
  concernReports: z.array(ConcernReportDto),
  schoolAttendance: z.array(SchoolAttendanceDto),
  can: z.object({ record: z.boolean() }),
  hiddenByConsent: HiddenByConsentDto,
});
export type MeasurementsDto = z.infer<typeof MeasurementsDto>;
