import { addMonths, type IsoDate } from '../../../shared/dates.js';
import type { FamilyRelation, MemberRole } from '../../../shared/families.js';
import type { Instrument, Respondent } from '../../../shared/measurements.js';
import { may, type FamilyAction } from '../families/families.policy.js';

/**
 * Who may do what with a family's measurements, in the families policy's terms: everyone who may read the
 * family reads them; the coordinator and the current team (whose access the family's consent covers) record
 * them — the same relations that write the plan with the family.
 */
export const MEASUREMENT_ACCESS = {
  read: 'read',
  record: 'register_intervention',
} as const satisfies Record<string, FamilyAction>;

export function measurementCan(relation: FamilyRelation | null) {
  return { record: may(relation, MEASUREMENT_ACCESS.record) };
}

/** A member as the rules below see them. */
export interface MemberFacts {
  role: MemberRole;
  birthDate: IsoDate;
}

/** Adults get a support-status timeline: parents and other adults, and a "child" of the household aged 18 or more. */
export function isAdultMember(m: MemberFacts, today: IsoDate): boolean {
  return m.role !== 'child' || addMonths(m.birthDate, 18 * 12) <= today;
}

/** Child-welfare periods, concern reports and school attendance are about the family's children. */
export function isChildMember(m: MemberFacts): boolean {
  return m.role === 'child';
}

/** WHO-5 is answered by a parent of the family. */
export function isParentMember(m: MemberFacts): boolean {
  return m.role === 'parent';
}

/**
 * Whom an instrument is about, and who answers it: WHO-5 by one parent about themself; the experience
 * questionnaire by the family about the effort as a whole; the life-domain assessment about the family, by
 * anyone rating it. Returns the field-message code of the first rule broken, or null.
 */
export function instrumentSubjectProblem(
  instrument: Instrument,
  person: MemberFacts | null | 'not_member',
  respondent: Respondent,
): { path: 'personId' | 'respondent'; message: string } | null {
  if (instrument === 'who5') {
    if (person === null || person === 'not_member') return { path: 'personId', message: person === null ? 'who5_parent_only' : 'unknown_person' };
    if (!isParentMember(person)) return { path: 'personId', message: 'who5_parent_only' };
    if (respondent !== 'family') return { path: 'respondent', message: 'respondent_family_only' };
    return null;
  }
  if (person !== null) return { path: 'personId', message: 'family_instrument_no_person' };
  if (instrument === 'experience' && respondent !== 'family') return { path: 'respondent', message: 'respondent_family_only' };
  return null;
}
