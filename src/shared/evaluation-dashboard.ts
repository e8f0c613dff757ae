import { z } from 'zod';
import { IsoDateSchema } from './families.js';
import type { Lang } from './i18n.js';
import { EXPERIENCE_ITEMS_V1 } from './measurements.js';
import { ShownCount, suppressSmallCounts } from './suppression.js';

/** The evaluation date in the query: `?asOf=YYYY-MM-DD`, today (in Denmark) when left out. */
export const EvaluationQuery = z.strictObject({ asOf: IsoDateSchema.optional() });
export type EvaluationQuery = z.infer<typeof EvaluationQuery>;

/** The KPIs as GET /evaluation/kpis answers them (DESIGN.md's table; the shape of exchange/example.kpis.json). */
export interface KpiNumbers {
  asOf: string;
  families: { enrolled: number; active: number; completed: number };
  goalProgress: { all: GoalProgressNumbers; completed: GoalProgressNumbers };
  selfSupport: { all: SelfSupportNumbers; mothers: SelfSupportNumbers; fathers: SelfSupportNumbers };
  childrenOutOfSystem: { n: number; out: number; share: number | null };
  duration: { n: number; meanMonths: number | null; medianMonths: number | null };
  concernReports: BeforeAfterNumbers;
  investigations: BeforeAfterNumbers;
  schoolAbsence: { n: number; beforeMean: number | null; latestMean: number | null };
  costs: { n: number; beforeMean: number | null; duringMean: number | null };
}
interface GoalProgressNumbers {
  n: number;
  closer: number;
  share: number | null;
}
interface SelfSupportNumbers {
  n: number;
  baseline: number;
  followUp: number;
  baselineShare: number | null;
  followUpShare: number | null;
}
interface BeforeAfterNumbers {
  n: number;
  before: number;
  after: number;
}

const Value = z.number().nullable();
const flag = { suppressed: z.boolean() };
const GoalProgressShown = z.object({ n: ShownCount, closer: ShownCount, share: Value, ...flag });
const SelfSupportShown = z.object({ n: ShownCount, baseline: ShownCount, followUp: ShownCount, baselineShare: Value, followUpShare: Value, ...flag });
const BeforeAfterShown = z.object({ n: ShownCount, before: ShownCount, after: ShownCount, ...flag });

/** The KPIs as a manager or an analyst sees them: counts of 1–4 as "<5" (and what they give away as null) except for analysts. */
export const ShownKpis = z.object({
  asOf: z.string(),
  families: z.object({ enrolled: ShownCount, active: ShownCount, completed: ShownCount, ...flag }),
  goalProgress: z.object({ all: GoalProgressShown, completed: GoalProgressShown }),
  selfSupport: z.object({ all: SelfSupportShown, mothers: SelfSupportShown, fathers: SelfSupportShown }),
  childrenOutOfSystem: z.object({ n: ShownCount, out: ShownCount, share: Value, ...flag }),
  duration: z.object({ n: ShownCount, meanMonths: Value, medianMonths: Value, ...flag }),
  concernReports: BeforeAfterShown,
  investigations: BeforeAfterShown,
  schoolAbsence: z.object({ n: ShownCount, beforeMean: Value, latestMean: Value, ...flag }),
  costs: z.object({ n: ShownCount, beforeMean: Value, duringMean: Value, ...flag }),
});
export type ShownKpis = z.infer<typeof ShownKpis>;

/** The KPIs with the small-count rule applied, group by group. */
export function showKpis(k: KpiNumbers, exact: boolean): ShownKpis {
  const gp = (g: GoalProgressNumbers) => suppressSmallCounts(g, ['n', 'closer'], exact);
  const ss = (g: SelfSupportNumbers) => suppressSmallCounts(g, ['n', 'baseline', 'followUp'], exact);
  const ba = (g: BeforeAfterNumbers) => suppressSmallCounts(g, ['n', 'before', 'after'], exact);
  return {
    asOf: k.asOf,
    families: suppressSmallCounts(k.families, ['enrolled', 'active', 'completed'], exact),
    goalProgress: { all: gp(k.goalProgress.all), completed: gp(k.goalProgress.completed) },
    selfSupport: { all: ss(k.selfSupport.all), mothers: ss(k.selfSupport.mothers), fathers: ss(k.selfSupport.fathers) },
    childrenOutOfSystem: suppressSmallCounts(k.childrenOutOfSystem, ['n', 'out'], exact),
    duration: suppressSmallCounts(k.duration, ['n'], exact),
    concernReports: ba(k.concernReports),
    investigations: ba(k.investigations),
    schoolAbsence: suppressSmallCounts(k.schoolAbsence, ['n'], exact),
    costs: suppressSmallCounts(k.costs, ['n'], exact),
  };
}

/** Cost per family before and during the effort, for one department's interventions. */
export const DepartmentCostDto = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  /** Families in the cost cohort (enrolled at least 12 months before the evaluation date). */
  n: ShownCount,
  /** Of those, how many had an intervention from the department in either window. */
  families: ShownCount,
  /** DKK per family of the cohort: the department shares add up to the costs KPI. */
  beforeMean: Value,
  duringMean: Value,
  ...flag,
});
export type DepartmentCostDto = z.infer<typeof DepartmentCostDto>;

/** The KPIs of one enrolment quarter's families. */
export const CohortDto = z.object({
  /** "2019-Q1" */
  quarter: z.string(),
  families: z.object({ enrolled: ShownCount, completed: ShownCount, ...flag }),
  goalProgress: GoalProgressShown,
  selfSupport: SelfSupportShown,
  childrenOutOfSystem: z.object({ n: ShownCount, out: ShownCount, share: Value, ...flag }),
});
export type CohortDto = z.infer<typeof CohortDto>;

/** The families' own goal ratings in one calendar quarter of the rating date. */
export const RatingTrendPointDto = z.object({
  quarter: z.string(),
  families: ShownCount,
  ratings: ShownCount,
  /** Mean of each family's mean rating in the quarter (0–10). */
  meanRating: Value,
  ...flag,
});
export type RatingTrendPointDto = z.infer<typeof RatingTrendPointDto>;

export const ExperienceItemDto = z.object({
  item: z.enum(EXPERIENCE_ITEMS_V1),
  families: ShownCount,
  answers: ShownCount,
  /** 1–5 */
  mean: Value,
  ...flag,
});
export type ExperienceItemDto = z.infer<typeof ExperienceItemDto>;

/** GET /evaluation/dashboard: everything the evaluation page shows, for one evaluation date. */
export const EvaluationDashboardDto = z.object({
  asOf: z.string(),
  /** True for analysts: counts are exact. Otherwise counts of 1–4 are "<5". */
  exact: z.boolean(),
  kpis: ShownKpis,
  costsByDepartment: z.array(DepartmentCostDto),
  cohorts: z.array(CohortDto),
  ratingTrend: z.array(RatingTrendPointDto),
  experience: z.array(ExperienceItemDto),
});
export type EvaluationDashboardDto = z.infer<typeof EvaluationDashboardDto>;

/** The KPI keys in the order of DESIGN.md's table. */
export const KPI_KEYS = [
  'families',
  'goalProgress.all',
  'goalProgress.completed',
  'selfSupport.all',
  'selfSupport.mothers',
  'selfSupport.fathers',
  'childrenOutOfSystem',
  'duration',
  'concernReports',
  'investigations',
  'schoolAbsence',
  'costs',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/**
 * Each KPI's name and definition as DESIGN.md writes it, in both languages. They live here, not only in the web's
 * catalogues, because the CSV and XLSX downloads carry them too.
 */
export const KPI_TEXTS: Record<KpiKey, Record<Lang, { label: string; definition: string }>> = {
  families: {
    da: { label: 'Familier', definition: 'Antal indskrevne, aktive og afsluttede familier på evalueringsdatoen. En familie er indskrevet, når den blev aktiv første gang på eller før datoen; en sat-på-pause familie tæller som aktiv.' },
    en: { label: 'Families', definition: 'Enrolled, active and completed families on the evaluation date. A family is enrolled when it first became active on or before the date; a paused family counts as active.' },
  },
  'goalProgress.all': {
    da: { label: 'Tættere på målene', definition: 'Indskrevne familier med et mål, som familien selv har vurderet på mindst to forskellige datoer. Målets udvikling = gennemsnit på seneste dato − gennemsnit på første dato; familiens fremgang er gennemsnittet over dens mål. Andel = familier med fremgang over 0 / familier med vurderede mål.' },
    en: { label: 'Closer to their goals', definition: "Enrolled families with a goal the family itself rated on at least two distinct dates. A goal's change = mean on the latest date − mean on the earliest; the family's progress is the mean over its goals. Share = families with progress above 0 / families with rated goals." },
  },
  'goalProgress.completed': {
    da: { label: 'Tættere på målene (afsluttede)', definition: 'Som ovenfor, for familier der har afsluttet indsatsen.' },
    en: { label: 'Closer to their goals (completed)', definition: 'As above, for families that have completed the effort.' },
  },
  'selfSupport.all': {
    da: { label: 'Selvforsørgende forældre', definition: 'Forældre i familier indskrevet mindst 24 måneder før evalueringsdatoen, hvis forsørgelse er kendt både ved indskrivning og 24 måneder efter. Selvforsørgende = kendt status uden for kommunens liste over offentlig forsørgelse. Andel ved start og efter 24 måneder.' },
    en: { label: 'Self-supporting parents', definition: "Parents in families enrolled at least 24 months before the evaluation date whose support status is known both at enrolment and 24 months later. Self-supporting = a known status outside the municipality's public-support list. Share at enrolment and 24 months later." },
  },
  'selfSupport.mothers': {
    da: { label: 'Selvforsørgende mødre', definition: 'Som selvforsørgende forældre, for mødre.' },
    en: { label: 'Self-supporting mothers', definition: 'As self-supporting parents, for mothers.' },
  },
  'selfSupport.fathers': {
    da: { label: 'Selvforsørgende fædre', definition: 'Som selvforsørgende forældre, for fædre.' },
    en: { label: 'Self-supporting fathers', definition: 'As self-supporting parents, for fathers.' },
  },
  childrenOutOfSystem: {
    da: { label: 'Børn ude af systemet', definition: 'Børn i familier indskrevet mindst 24 måneder før evalueringsdatoen, som har haft en børnesag (undersøgelse, foranstaltning eller anbringelse) i perioden fra indskrivning til datoen. Ude = ingen børnesag på datoen.' },
    en: { label: 'Children out of the system', definition: 'Children in families enrolled at least 24 months before the evaluation date who had a child-welfare period (investigation, measure or placement) between enrolment and the date. Out = no child-welfare period on the date.' },
  },
  duration: {
    da: { label: 'Varighed', definition: 'Afsluttede familier: måneder fra indskrivning til afslutning (dage / 30,4375). Gennemsnit og median.' },
    en: { label: 'Duration', definition: 'Completed families: months from enrolment to completion (days / 30.4375). Mean and median.' },
  },
  concernReports: {
    da: { label: 'Underretninger', definition: 'Børn i familier indskrevet mindst 12 måneder før evalueringsdatoen: underretninger i de 12 måneder før indskrivning og i de 12 måneder fra indskrivning (i alt).' },
    en: { label: 'Concern reports', definition: 'Children in families enrolled at least 12 months before the evaluation date: concern reports in the 12 months before enrolment and in the 12 months from enrolment (totals).' },
  },
  investigations: {
    da: { label: 'Børnefaglige undersøgelser', definition: 'Som underretninger, for undersøgelser talt efter deres startdato.' },
    en: { label: 'Child-welfare investigations', definition: 'As concern reports, for investigations counted by their start date.' },
  },
  schoolAbsence: {
    da: { label: 'Skolefravær', definition: 'Børn i indskrevne familier med en fraværsopgørelse, der slutter før indskrivning, og en, der starter ved eller efter indskrivning og slutter senest på datoen. Gennemsnitligt fravær (%) i den seneste af hver slags.' },
    en: { label: 'School absence', definition: 'Children of enrolled families with an attendance record ending before enrolment and one starting on or after enrolment and ending by the date. Mean absence (%) in the latest record of each kind.' },
  },
  costs: {
    da: { label: 'Udgifter pr. familie', definition: 'Familier indskrevet mindst 12 måneder før evalueringsdatoen: udgift til alle deres indsatser i de 12 måneder før indskrivning og i de 12 måneder fra indskrivning. Pris × enheder i perioden (dag, uge = dage/7, måned = dage/30,4375, år = dage/365,25, time = timer pr. uge × dage/7, engangsbeløb når starten ligger i perioden). Gennemsnit i kr. pr. familie.' },
    en: { label: 'Cost per family', definition: 'Families enrolled at least 12 months before the evaluation date: cost of all their interventions in the 12 months before enrolment and the 12 months from enrolment. Price × units in the window (day, week = days/7, month = days/30.4375, year = days/365.25, hour = hours per week × days/7, a one-off when it starts in the window). Mean DKK per family.' },
  },
};

/** The measures of each KPI in the downloads, with a label in both languages; `n` is a column of its own. */
const MEASURES: Record<KpiKey, ReadonlyArray<{ name: string; da: string; en: string }>> = {
  families: [
    { name: 'enrolled', da: 'Indskrevne', en: 'Enrolled' },
    { name: 'active', da: 'Aktive', en: 'Active' },
    { name: 'completed', da: 'Afsluttede', en: 'Completed' },
  ],
  'goalProgress.all': [
    { name: 'closer', da: 'Tættere på', en: 'Closer' },
    { name: 'share', da: 'Andel', en: 'Share' },
  ],
  'goalProgress.completed': [
    { name: 'closer', da: 'Tættere på', en: 'Closer' },
    { name: 'share', da: 'Andel', en: 'Share' },
  ],
  'selfSupport.all': selfSupportMeasures(),
  'selfSupport.mothers': selfSupportMeasures(),
  'selfSupport.fathers': selfSupportMeasures(),
  childrenOutOfSystem: [
    { name: 'out', da: 'Ude', en: 'Out' },
    { name: 'share', da: 'Andel', en: 'Share' },
  ],
  duration: [
    { name: 'meanMonths', da: 'Gennemsnit (måneder)', en: 'Mean (months)' },
    { name: 'medianMonths', da: 'Median (måneder)', en: 'Median (months)' },
  ],
  concernReports: beforeAfterMeasures(),
  investigations: beforeAfterMeasures(),
  schoolAbsence: [
    { name: 'beforeMean', da: 'Før (gns. %)', en: 'Before (mean %)' },
    { name: 'latestMean', da: 'Seneste (gns. %)', en: 'Latest (mean %)' },
  ],
  costs: [
    { name: 'beforeMean', da: 'Før (kr. pr. familie)', en: 'Before (DKK per family)' },
    { name: 'duringMean', da: 'Under (kr. pr. familie)', en: 'During (DKK per family)' },
  ],
};

function selfSupportMeasures() {
  return [
    { name: 'baseline', da: 'Selvforsørgende ved start', en: 'Self-supporting at enrolment' },
    { name: 'followUp', da: 'Selvforsørgende efter 24 mdr.', en: 'Self-supporting after 24 months' },
    { name: 'baselineShare', da: 'Andel ved start', en: 'Share at enrolment' },
    { name: 'followUpShare', da: 'Andel efter 24 mdr.', en: 'Share after 24 months' },
  ];
}

function beforeAfterMeasures() {
  return [
    { name: 'before', da: 'Før', en: 'Before' },
    { name: 'after', da: 'Efter', en: 'After' },
  ];
}

/** One line of the KPI table download: one measure of one KPI. Null = no value (n is 0, or hidden). */
export interface KpiTableRow {
  key: KpiKey;
  label: string;
  definition: string;
  n: ShownCount | null;
  measure: string;
  measureLabel: string;
  value: ShownCount | number | null;
  suppressed: boolean;
}

/** The group of a KPI key inside the KPIs ("selfSupport.mothers" → kpis.selfSupport.mothers). */
export function kpiGroup(kpis: ShownKpis, key: KpiKey): Record<string, ShownCount | number | null | boolean> {
  const [a, b] = key.split('.') as [string, string | undefined];
  const top = (kpis as unknown as Record<string, Record<string, unknown>>)[a]!;
  return (b ? top[b] : top) as Record<string, ShownCount | number | null | boolean>;
}

/** The KPI table in long form (key, definition, n, measure, value), as the CSV and XLSX downloads carry it. */
export function kpiTableRows(kpis: ShownKpis, lang: Lang): KpiTableRow[] {
  return KPI_KEYS.flatMap((key) => {
    const group = kpiGroup(kpis, key);
    const text = KPI_TEXTS[key][lang];
    return MEASURES[key].map((m) => ({
      key,
      label: text.label,
      definition: text.definition,
      n: key === 'families' ? null : (group.n as ShownCount),
      measure: m.name,
      measureLabel: m[lang],
      value: group[m.name] as ShownCount | number | null,
      suppressed: group.suppressed === true,
    }));
  });
}
