import { addDays, addMonths, todayInDenmark, type IsoDate } from '../../../shared/dates.js';

/** A plan review is raised this many days before the current version's next review date. */
export const PLAN_REVIEW_LEAD_DAYS = 14;
/** A consent is raised this many days before it expires. */
export const CONSENT_LEAD_DAYS = 30;
/** The minutes of a meeting are due this many days after it ended. */
export const MINUTES_GRACE_DAYS = 2;
/** A meeting decision with a due date and no owner is raised this many days before it is due. */
export const DECISION_LEAD_DAYS = 14;

/** When the next rating of a goal is due: N months after the last rating, or after the goal was made. */
export function nextRatingDue(lastRatingDate: IsoDate | null, goalCreated: IsoDate, months: number): IsoDate {
  return addMonths(lastRatingDate ?? goalCreated, months);
}

/** A goal needs a rating when it has none in the last N months, i.e. the next one is due today or earlier. */
export function ratingDue(lastRatingDate: IsoDate | null, goalCreated: IsoDate, months: number, today: IsoDate): boolean {
  return nextRatingDue(lastRatingDate, goalCreated, months) <= today;
}

/** The plan's review is near (or past): its next review date is at most PLAN_REVIEW_LEAD_DAYS away. */
export function reviewDueSoon(nextReviewDate: IsoDate, today: IsoDate): boolean {
  return nextReviewDate <= addDays(today, PLAN_REVIEW_LEAD_DAYS);
}

/** The consent expires within CONSENT_LEAD_DAYS (from today on; an expired consent is no longer "expiring"). */
export function consentExpiringSoon(expiresAt: IsoDate, today: IsoDate): boolean {
  return today <= expiresAt && expiresAt <= addDays(today, CONSENT_LEAD_DAYS);
}

/** The date the minutes of a meeting are due: MINUTES_GRACE_DAYS after the (Danish) day it ended. */
export function minutesDue(endsAt: Date): IsoDate {
  return addDays(todayInDenmark(endsAt), MINUTES_GRACE_DAYS);
}

/** The meeting ended more than MINUTES_GRACE_DAYS ago (to the millisecond), so its missing minutes are late. */
export function minutesOverdue(endsAt: Date, now: Date): boolean {
  return now.getTime() - endsAt.getTime() > MINUTES_GRACE_DAYS * 86_400_000;
}

/** An open task is overdue from the day after its due date. */
export function isOverdue(due: IsoDate, today: IsoDate): boolean {
  return due < today;
}

/** Sunday of the week (Monday–Sunday, as in Denmark) that holds `today`. */
export function endOfWeek(today: IsoDate): IsoDate {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, weekday === 0 ? 0 : 7 - weekday);
}

/** The keys that make a raised deadline one task however often the job runs. */
export const dedupeKey = {
  planReview: (versionId: string) => `plan_review:${versionId}`,
  /**
   * One task per rating period, named by the day it started (the last rating, or the goal's creation): a new
   * rating starts a new period; a changed interval moves the due date but not the period.
   */
  goalRating: (goalId: string, periodStart: IsoDate) => `goal_rating:${goalId}:${periodStart}`,
  consentExpiry: (consentId: string) => `consent_expiry:${consentId}`,
  meetingFollowUp: (meetingId: string) => `meeting_follow_up:${meetingId}`,
  meetingDecision: (decisionId: string) => `meeting_decision:${decisionId}`,
};
