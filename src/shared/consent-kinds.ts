import { CONSENT_KINDS, type ConsentKind } from './families.js';
import type { Instrument } from './measurements.js';

/**
 * Which kind of information (a consent's `kinds`) each piece of case data is, in one place: what a team
 * member from another department may see is decided by these tables (decision 0017).
 */

/** The default life domains (DESIGN.md, Codes) by the consent kind they are. A code not listed is `family_situation`. */
export const LIFE_DOMAIN_KINDS: Readonly<Record<string, ConsentKind>> = {
  economy: 'economy',
  work_education: 'employment',
  housing: 'housing',
  health: 'health',
  substance_use: 'health',
  child_health: 'health',
  child_development: 'school_daycare',
  daycare_school: 'school_daycare',
  everyday_life: 'family_situation',
  parenting: 'family_situation',
  network: 'family_situation',
  safety: 'family_situation',
  leisure_friends: 'family_situation',
};

/** The kind of a life domain: a municipality's own domains (codes not in the defaults) count as the family's situation. */
export function lifeDomainKind(code: string): ConsentKind {
  return Object.hasOwn(LIFE_DOMAIN_KINDS, code) ? LIFE_DOMAIN_KINDS[code]! : 'family_situation';
}

/**
 * Intervention categories (the catalogue's codes, as the web's labels know them) by the kind of information an
 * intervention of that category is. A municipality's own category counts as the family's situation.
 */
export const INTERVENTION_CATEGORY_KINDS: Readonly<Record<string, ConsentKind>> = {
  employment_support: 'employment',
  education: 'employment',
  economy: 'economy',
  housing: 'housing',
  health: 'health',
  therapy: 'health',
  substance_abuse: 'health',
  daycare_school: 'school_daycare',
  placement: 'child_welfare',
  family_support: 'family_situation',
  mentoring: 'family_situation',
};

export function interventionKind(category: string): ConsentKind {
  return Object.hasOwn(INTERVENTION_CATEGORY_KINDS, category) ? INTERVENTION_CATEGORY_KINDS[category]! : 'family_situation';
}

/**
 * Whether a viewer who sees `kinds` sees an intervention: one of a covered kind, or one their own department
 * delivers (they know of it already).
 */
export function seesIntervention(kinds: readonly ConsentKind[], viewerDepartmentId: string | null, i: { category: string; departmentId: string }): boolean {
  return seesAllKinds(kinds) || (viewerDepartmentId !== null && i.departmentId === viewerDepartmentId) || kinds.includes(interventionKind(i.category));
}

/** The registers' outcomes on the Målinger page, by the kind of information they are. */
export const OUTCOME_KINDS = {
  supportPeriods: 'employment',
  childWelfarePeriods: 'child_welfare',
  concernReports: 'child_welfare',
  schoolAttendance: 'school_daycare',
} as const satisfies Record<string, ConsentKind>;
export type OutcomeSection = keyof typeof OUTCOME_KINDS;

/** The kinds an instrument's answers are: WHO-5 health, the experience questionnaire the family's situation, life domains per domain. */
export function instrumentItemKind(instrument: Instrument, item: string): ConsentKind {
  if (instrument === 'who5') return 'health';
  if (instrument === 'experience') return 'family_situation';
  return lifeDomainKind(item);
}

/** The distinct kinds of a set of instrument items, in CONSENT_KINDS order. */
export function instrumentKinds(instrument: Instrument, items: readonly string[]): ConsentKind[] {
  const kinds = new Set(items.map((i) => instrumentItemKind(instrument, i)));
  if (instrument !== 'life_domains') kinds.add(instrumentItemKind(instrument, ''));
  return CONSENT_KINDS.filter((k) => kinds.has(k));
}

/** Every kind: what the coordinator, the unit's managers and break-the-glass see. */
export const ALL_CONSENT_KINDS: readonly ConsentKind[] = CONSENT_KINDS;

/** Whether every kind is visible: nothing is narrowed. */
export function seesAllKinds(kinds: readonly ConsentKind[]): boolean {
  return CONSENT_KINDS.every((k) => kinds.includes(k));
}

/** Whether a viewer who sees `kinds` sees what is filed under the life domain `code` (a goal, a baseline entry). */
export function coversDomain(kinds: readonly ConsentKind[], code: string): boolean {
  return kinds.includes(lifeDomainKind(code));
}
