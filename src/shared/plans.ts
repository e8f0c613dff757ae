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

export const GoalBody = z.strictObject({
  personId: z.uuid().nullable().optional(),
  domain: z.string().trim().min(1, { error: 'domain_required' }),
  horizon: z.enum(HORIZONS),
  title: z.string().trim().min(1, { error: 'required' }).max(MAX_GOAL_TITLE),
  successCriterion: z.string().trim().max(1000).default(''),
  targetDate: IsoDateSchema.optional(),
  status: z.enum(GOAL_STATUSES).default('active'),
  gas: GasLevelsSchema.optional(),
  legalRequirement: z.string().trim().max(100).optional(),
  /** The draft's version when the user started editing. */
  draftVersion: z.number().int().positive(),
});

export const ActionBody = z.strictObject({
  what: z.string().trim().min(1, { error: 'required' }).max(1000),
  responsible: ResponsibleSchema,
  due: IsoDateSchema.optional(),
  draftVersion: z.number().int().positive(),
});

export const BaselineBody = z.strictObject({
  domain: z.string().trim().min(1, { error: 'domain_required' }),
  score: z.number().int().min(0).max(10),
  text: z.string().trim().max(1000).default(''),
  draftVersion: z.number().int().positive(),
});

export const PublishBody = z.strictObject({
  nextReviewDate: IsoDateSchema,
  note: z.string().trim().max(2000).optional(),
  draftVersion: z.number().int().positive(),
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
