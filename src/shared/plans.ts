import { z } from 'zod';
import { IsoDateSchema } from './families.js';

/** Life domains (DESIGN.md, Codes); the last four follow the ICS triangle's child side. */
export const DEFAULT_LIFE_DOMAINS: ReadonlyArray<{ code: string; da: string; en: string; child: boolean }> = [
  { code: 'economy', da: 'Økonomi', en: 'Economy', child: false },
  { code: 'work_education', da: 'Arbejde og uddannelse', en: 'Work and education', child: false },
  { code: 'housing', da: 'Bolig', en: 'Housing', child: false },
  { code: 'health', da: 'Helbred', en: 'Health', child: false },
  { code: 'substance_use', da: 'Rusmidler', en: 'Substance use', child: false },
  { code: 'everyday_life', da: 'Hverdagsliv', en: 'Everyday life', child: false },
  { code: 'parenting', da: 'Forældreskab', en: 'Parenting', child: false },
  { code: 'network', da: 'Netværk', en: 'Network', child: false },
  { code: 'safety', da: 'Tryghed og sikkerhed', en: 'Safety', child: false },
  { code: 'child_health', da: 'Barnets sundhed', en: "The child's health", child: true },
  { code: 'child_development', da: 'Barnets udvikling', en: "The child's development", child: true },
  { code: 'daycare_school', da: 'Dagtilbud og skole', en: 'Daycare and school', child: true },
  { code: 'leisure_friends', da: 'Fritid og venner', en: 'Leisure and friends', child: true },
];
export const LIFE_DOMAIN_CODES = DEFAULT_LIFE_DOMAINS.map((d) => d.code) as [string, ...string[]];

export const HORIZONS = ['short', 'long'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const GOAL_STATUSES = ['active', 'achieved', 'partly_achieved', 'not_achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const SIGN_OFF_HOW = ['in_person', 'letter', 'digital'] as const;
export type SignOffHow = (typeof SIGN_OFF_HOW)[number];
export const RESPONDENTS = ['family', 'coordinator', 'professional'] as const;

/** Goal Attainment Scaling: what −2 … +2 mean for this goal, written when the goal is set. */
export const GasLevelsSchema = z.strictObject({
  '-2': z.string().trim().max(300),
  '-1': z.string().trim().max(300),
  '0': z.string().trim().max(300),
  '1': z.string().trim().max(300),
  '2': z.string().trim().max(300),
});
export type GasLevels = z.infer<typeof GasLevelsSchema>;

/** Who does an action: a family member, a staff user, or a department. */
export const ResponsibleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), personId: z.uuid() }),
  z.strictObject({ kind: z.literal('staff'), userId: z.uuid() }),
  z.strictObject({ kind: z.literal('department'), departmentId: z.uuid() }),
]);
export type Responsible = z.infer<typeof ResponsibleSchema>;

export const MAX_GOAL_TITLE = 300;

/** Legal plan requirements a goal commonly covers; the field is free text, these are offered as suggestions. */
export const LEGAL_REQUIREMENT_SUGGESTIONS = ['Barnets lov § 92', 'LAB § 30 b'] as const;

/** Codes of life domains: stable, the same form as department codes. */
export const LifeDomainCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'department_code' });
const DomainField = z.string({ error: 'domain_required' }).trim().min(1, { error: 'domain_required' });
/** The draft's version when the user started editing; 0 while the family has no plan yet (the first write creates it). */
const DraftVersion = z.number().int().min(0);
const GoalTitle = z.string().trim().min(1, { error: 'required' }).max(MAX_GOAL_TITLE);
const LegalRequirement = z.string().trim().max(100);
const ActionWhat = z.string().trim().min(1, { error: 'required' }).max(1000);

export const GoalBody = z.strictObject({
  personId: z.uuid().nullable().optional(),
  domain: DomainField,
  horizon: z.enum(HORIZONS),
  title: GoalTitle,
  successCriterion: z.string().trim().max(1000).default(''),
  targetDate: IsoDateSchema.optional(),
  status: z.enum(GOAL_STATUSES).default('active'),
  gas: GasLevelsSchema.optional(),
  legalRequirement: LegalRequirement.optional(),
  /** The draft's version when the user started editing. */
  draftVersion: DraftVersion,
});

/** A change to a goal: only the fields given change; null clears an optional field. */
export const GoalPatchBody = z.strictObject({
  personId: z.uuid().nullable().optional(),
  domain: DomainField.optional(),
  horizon: z.enum(HORIZONS).optional(),
  title: GoalTitle.optional(),
  successCriterion: z.string().trim().max(1000).optional(),
  targetDate: IsoDateSchema.nullable().optional(),
  status: z.enum(GOAL_STATUSES).optional(),
  gas: GasLevelsSchema.nullable().optional(),
  legalRequirement: LegalRequirement.nullable().optional(),
  draftVersion: DraftVersion,
});

export const ActionBody = z.strictObject({
  what: ActionWhat,
  responsible: ResponsibleSchema,
  due: IsoDateSchema.optional(),
  draftVersion: DraftVersion,
});

/** A change to an action; `doneAt` marks it done (null: not done after all). */
export const ActionPatchBody = z.strictObject({
  what: ActionWhat.optional(),
  responsible: ResponsibleSchema.optional(),
  due: IsoDateSchema.nullable().optional(),
  doneAt: IsoDateSchema.nullable().optional(),
  draftVersion: DraftVersion,
});

export const BaselineBody = z.strictObject({
  domain: DomainField,
  score: z.number().int().min(0).max(10),
  text: z.string().trim().max(1000).default(''),
  draftVersion: DraftVersion,
});

/** Removing a goal or an action, or unlinking an intervention: the draft version travels in the query. */
export const DraftVersionQuery = z.strictObject({ draftVersion: z.coerce.number().int().min(0) });
/** Linking an intervention to a goal. */
export const DraftVersionBody = z.strictObject({ draftVersion: DraftVersion });

export const PublishBody = z.strictObject({
  nextReviewDate: IsoDateSchema,
  note: z.string().trim().max(2000).optional(),
  draftVersion: DraftVersion,
});

export const SignOffBody = z.strictObject({
  personId: z.uuid(),
  signedAt: IsoDateSchema,
  how: z.enum(SIGN_OFF_HOW),
});

/** What a published version holds. */
export interface PlanSnapshot {
  baseline: Array<{ domain: string; score: number; text: string }>;
  goals: Array<{
    id: string;
    personId: string | null;
    domain: string;
    horizon: Horizon;
    title: string;
    successCriterion: string;
    targetDate: string | null;
    status: GoalStatus;
    gas: GasLevels | null;
    legalRequirement: string | null;
    actions: Array<{ id: string; what: string; responsible: Responsible; due: string | null; doneAt: string | null }>;
  }>;
}

/** A life domain as the municipality lists it. */
export const LifeDomainDto = z.object({
  code: z.string(),
  labelDa: z.string(),
  labelEn: z.string(),
  child: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type LifeDomainDto = z.infer<typeof LifeDomainDto>;

/** Adds a domain to the municipality's list or changes one; a code never changes meaning. */
export const LifeDomainBody = z.strictObject({
  labelDa: z.string().trim().min(1, { error: 'required' }).max(100),
  labelEn: z.string().trim().min(1, { error: 'required' }).max(100),
  child: z.boolean().optional(),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(1_000_000),
});
export const LifeDomainParams = z.strictObject({ code: LifeDomainCode });

export const PlanParams = z.strictObject({ id: z.string() });
export const GoalParams = z.strictObject({ id: z.string(), goalId: z.string() });
export const ActionParams = z.strictObject({ id: z.string(), actionId: z.string() });
export const GoalInterventionParams = z.strictObject({ id: z.string(), goalId: z.string(), interventionId: z.string() });
export const VersionParams = z.strictObject({ id: z.string(), versionId: z.string() });
/** Two version numbers; `b` may be `draft` for what is not yet published. */
export const DiffParams = z.strictObject({ id: z.string(), a: z.coerce.number().int().min(1), b: z.union([z.literal('draft'), z.coerce.number().int().min(1)]) });
export const PlanPdfQuery = z.strictObject({ lang: z.enum(['da', 'en']).default('da') });

const RatingDto = z.object({ date: z.string(), value: z.number().int(), respondent: z.enum(RESPONDENTS) });

export const PlanActionDto = z.object({
  id: z.uuid(),
  what: z.string(),
  responsible: ResponsibleSchema,
  /** The responsible family member's, staff user's or department's name. */
  responsibleName: z.string().nullable(),
  due: z.string().nullable(),
  doneAt: z.string().nullable(),
});

export const PlanGoalDto = z.object({
  id: z.uuid(),
  personId: z.uuid().nullable(),
  domain: z.string(),
  horizon: z.enum(HORIZONS),
  title: z.string(),
  successCriterion: z.string(),
  targetDate: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  gas: GasLevelsSchema.nullable(),
  legalRequirement: z.string().nullable(),
  actions: z.array(PlanActionDto),
  /** Interventions linked to the goal (those it serves). */
  interventionIds: z.array(z.uuid()),
  latestRating: RatingDto.nullable(),
});
export type PlanGoalDto = z.infer<typeof PlanGoalDto>;

export const SignOffDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  signedAt: z.string(),
  how: z.enum(SIGN_OFF_HOW),
  recordedBy: z.object({ id: z.uuid(), name: z.string() }),
  recordedAt: z.string(),
});

/** A published version as the history lists it. */
export const PlanVersionDto = z.object({
  id: z.uuid(),
  number: z.number().int(),
  /** Exactly one version is current: the latest published. */
  current: z.boolean(),
  publishedAt: z.string(),
  publishedBy: z.object({ id: z.uuid(), name: z.string() }),
  nextReviewDate: z.string(),
  note: z.string().nullable(),
  signOffs: z.array(SignOffDto),
});
export type PlanVersionDto = z.infer<typeof PlanVersionDto>;

/** The family's plan: the draft everyone edits, and the version in force. */
export const PlanDto = z.object({
  familyId: z.uuid(),
  /** Null until the first change creates the plan. */
  startDate: z.string().nullable(),
  /** Send it back with every change; 0 while there is no plan. */
  draftVersion: z.number().int(),
  baseline: z.array(z.object({ domain: z.string(), score: z.number().int(), text: z.string() })),
  goals: z.array(PlanGoalDto),
  current: PlanVersionDto.nullable(),
  /** The draft says something the current version does not (or nothing is published yet). */
  unpublishedChanges: z.boolean(),
  legalRequirementSuggestions: z.array(z.string()),
  can: z.object({ edit: z.boolean(), publish: z.boolean(), signOff: z.boolean(), print: z.boolean() }),
  /** Goals and baseline entries left out for this viewer because the consent does not cover their kind (decision 0017). */
  hiddenByConsent: z.object({ goals: z.number().int(), baseline: z.number().int() }),
});
export type PlanDto = z.infer<typeof PlanDto>;

export const PlanVersionsDto = z.object({ versions: z.array(PlanVersionDto) });

const SnapshotActionDto = z.object({ id: z.string(), what: z.string(), responsible: ResponsibleSchema, due: z.string().nullable(), doneAt: z.string().nullable() });
const GoalFieldsDto = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  domain: z.string(),
  horizon: z.enum(HORIZONS),
  title: z.string(),
  successCriterion: z.string(),
  targetDate: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  gas: GasLevelsSchema.nullable(),
  legalRequirement: z.string().nullable(),
});
const BaselineEntryDto = z.object({ domain: z.string(), score: z.number(), text: z.string() });
const FieldChangeDto = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const ChangeKindDto = z.enum(['added', 'removed', 'changed']);

/** What changed between two versions (see shared/plan-diff.ts). */
export const PlanDiffDto = z.object({
  from: z.number().int(),
  to: z.union([z.number().int(), z.literal('draft')]),
  baseline: z.array(z.object({ domain: z.string(), kind: ChangeKindDto, before: BaselineEntryDto.nullable(), after: BaselineEntryDto.nullable(), fields: z.array(FieldChangeDto) })),
  goals: z.array(
    z.object({
      id: z.string(),
      kind: ChangeKindDto,
      title: z.string(),
      before: GoalFieldsDto.nullable(),
      after: GoalFieldsDto.nullable(),
      fields: z.array(FieldChangeDto),
      actions: z.array(
        z.object({
          id: z.string(),
          kind: ChangeKindDto,
          what: z.string(),
          before: SnapshotActionDto.nullable(),
          after: SnapshotActionDto.nullable(),
          fields: z.array(FieldChangeDto),
        }),
      ),
    }),
  ),
  unchanged: z.boolean(),
});
