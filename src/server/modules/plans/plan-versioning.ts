import { addMonths, type IsoDate } from '../../../shared/dates.js';
import type { MemberRole } from '../../../shared/families.js';

/**
 * The rules of a plan's versions, as pure functions: the draft is edited under an optimistic-concurrency
 * counter; publishing snapshots it as version n + 1, which becomes the one current version; the family's
 * parents and children of 15 or over sign a version.
 */

/** A write made from a view of the draft other than the one stored is refused (someone saved in between). */
export function isStaleDraft(stored: number, seen: number): boolean {
  return stored !== seen;
}

/** The number of the next published version: one more than the highest so far, 1 for the first. */
export function nextVersionNumber(published: readonly number[]): number {
  return published.reduce((max, n) => Math.max(max, n), 0) + 1;
}

/**
 * Marks the version the plan points at as current and every other one not, so exactly one is current once
 * the plan is published (none before). Throws if the plan points at a version not among them: that is a bug.
 */
export function markCurrent<T extends { id: string }>(versions: readonly T[], currentVersionId: string | null): Array<T & { current: boolean }> {
  if (currentVersionId !== null && !versions.some((v) => v.id === currentVersionId)) {
    throw new Error('the plan points at a version it does not have');
  }
  return versions.map((v) => ({ ...v, current: v.id === currentVersionId }));
}

/** The next review date must be set and not lie before today. */
export function reviewDateProblem(nextReviewDate: IsoDate, today: IsoDate): 'date_in_past' | null {
  return nextReviewDate < today ? 'date_in_past' : null;
}

/** A date set in the plan (a goal's target, an action's due date) may not lie before the plan started. */
export function beforePlanStart(date: IsoDate | null | undefined, startDate: IsoDate): boolean {
  return date !== null && date !== undefined && date < startDate;
}

/** Children sign their own plan from this age. */
export const SIGN_OFF_MIN_AGE = 15;

export interface Membership {
  role: MemberRole;
  birthDate: IsoDate;
  from: IsoDate;
  to: IsoDate | null;
}

/**
 * Why a person may not sign a version on a date, or null when they may: they must be a member of the family
 * that day, a parent or a child aged 15 or over, and sign no earlier than the version was published and no
 * later than today.
 */
export function signOffProblem(
  member: Membership | undefined,
  signedAt: IsoDate,
  publishedOn: IsoDate,
  today: IsoDate,
): { path: 'personId' | 'signedAt'; message: string } | null {
  if (!member || member.from > signedAt || (member.to !== null && member.to < signedAt)) return { path: 'personId', message: 'unknown_person' };
  const ofAge = member.role === 'child' && addMonths(member.birthDate, SIGN_OFF_MIN_AGE * 12) <= signedAt;
  if (member.role !== 'parent' && !ofAge) return { path: 'personId', message: 'sign_off_not_allowed' };
  if (signedAt > today) return { path: 'signedAt', message: 'date_in_future' };
  if (signedAt < publishedOn) return { path: 'signedAt', message: 'sign_off_before_publication' };
  return null;
}
