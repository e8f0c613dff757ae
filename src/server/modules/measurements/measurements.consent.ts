import { instrumentItemKind, lifeDomainKind, OUTCOME_KINDS } from '../../../shared/consent-kinds.js';
import type { ConsentKind } from '../../../shared/families.js';
import type { AssessmentDto, HiddenByConsentDto, MeasurementSection } from '../../../shared/measurements.js';

/**
 * How the viewer's consent narrows measurements (decision 0017): a section of a kind it does not cover is left
 * out; a life-domain assessment shows only the domains it covers.
 */

/** The sections the viewer may not see or record, given the kinds they see and the municipality's active life domains. */
export function uncoveredSections(kinds: readonly ConsentKind[], lifeDomains: readonly string[]): MeasurementSection[] {
  const out: MeasurementSection[] = [];
  for (const [section, kind] of Object.entries(OUTCOME_KINDS) as Array<[keyof typeof OUTCOME_KINDS, ConsentKind]>) if (!kinds.includes(kind)) out.push(section);
  if (!kinds.includes(instrumentItemKind('who5', ''))) out.push('who5');
  if (!kinds.includes(instrumentItemKind('experience', ''))) out.push('experience');
  if (lifeDomains.some((d) => !kinds.includes(lifeDomainKind(d)))) out.push('lifeDomains');
  return out;
}

/**
 * An answered instrument as the viewer may see it, or null when nothing of it is covered. A life-domain
 * assessment keeps the covered domains' answers; its score (a mean over every domain) is then withheld.
 */
export function narrowAssessment(a: AssessmentDto, kinds: readonly ConsentKind[]): AssessmentDto | null {
  if (a.instrument !== 'life_domains') return kinds.includes(instrumentItemKind(a.instrument, '')) ? a : null;
  const entries = Object.entries(a.answers);
  const shown = entries.filter(([domain]) => kinds.includes(lifeDomainKind(domain)));
  if (shown.length === entries.length) return a;
  if (shown.length === 0) return null;
  return { ...a, answers: Object.fromEntries(shown), score: null };
}

/** Narrows a list of records of one outcome section: all or nothing. */
export function narrowOutcome<T>(section: keyof typeof OUTCOME_KINDS, rows: readonly T[], kinds: readonly ConsentKind[]): { shown: T[]; hidden: number } {
  return kinds.includes(OUTCOME_KINDS[section]) ? { shown: [...rows], hidden: 0 } : { shown: [], hidden: rows.length };
}

/** Narrows assessments, counting those left out entirely. */
export function narrowAssessments(rows: readonly AssessmentDto[], kinds: readonly ConsentKind[]): { shown: AssessmentDto[]; hidden: number } {
  const shown = rows.map((a) => narrowAssessment(a, kinds)).filter((a): a is AssessmentDto => a !== null);
  return { shown, hidden: rows.length - shown.length };
}

export function hiddenByConsent(kinds: readonly ConsentKind[], lifeDomains: readonly string[], records: number): HiddenByConsentDto {
  return { sections: uncoveredSections(kinds, lifeDomains), records };
}
