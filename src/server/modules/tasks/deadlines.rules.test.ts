import { describe, expect, it } from 'vitest';
import {
  consentExpiringSoon,
  dedupeKey,
  endOfWeek,
  isOverdue,
  minutesDue,
  minutesOverdue,
  nextRatingDue,
  ratingDue,
  reviewDueSoon,
} from './deadlines.rules.js';

describe('nextRatingDue', () => {
  it.each([
    ['2025-01-15', '2024-06-01', 3, '2025-04-15'],
    ['2024-11-30', '2024-06-01', 3, '2025-02-28'],
    ['2023-11-30', '2023-01-01', 3, '2024-02-29'],
    ['2025-08-31', '2025-01-01', 6, '2026-02-28'],
    ['2025-10-20', '2025-01-01', 3, '2026-01-20'],
    ['2025-03-10', '2025-01-01', 1, '2025-04-10'],
    ['2025-03-10', '2025-01-01', 12, '2026-03-10'],
  ])('counts N months from the last rating %s (created %s, %i months) to %s, clamped to the month end', (last, created, months, due) => {
    expect(nextRatingDue(last, created, months)).toBe(due);
  });

  it('counts from the day the goal was made when it was never rated', () => {
    expect(nextRatingDue(null, '2025-05-31', 3)).toBe('2025-08-31');
    expect(nextRatingDue(null, '2025-11-30', 3)).toBe('2026-02-28');
  });
});

describe('ratingDue', () => {
  it('is due on the day N months after the last rating, and every day after', () => {
    expect(ratingDue('2025-01-15', '2024-01-01', 3, '2025-04-14')).toBe(false);
    expect(ratingDue('2025-01-15', '2024-01-01', 3, '2025-04-15')).toBe(true);
    expect(ratingDue('2025-01-15', '2024-01-01', 3, '2025-09-01')).toBe(true);
  });

  it('is due on the last day of a shorter month when the rating was on the 31st', () => {
    expect(ratingDue('2025-05-31', '2024-01-01', 3, '2025-08-30')).toBe(false);
    expect(ratingDue('2024-11-30', '2024-01-01', 3, '2025-02-28')).toBe(true);
  });

  it('follows the municipality interval', () => {
    expect(ratingDue('2025-01-15', '2024-01-01', 6, '2025-04-15')).toBe(false);
    expect(ratingDue('2025-01-15', '2024-01-01', 1, '2025-02-15')).toBe(true);
  });
});

describe('reviewDueSoon', () => {
  it('raises a review 14 days ahead, on the day, and after it passed', () => {
    expect(reviewDueSoon('2025-03-16', '2025-03-01')).toBe(false);
    expect(reviewDueSoon('2025-03-15', '2025-03-01')).toBe(true);
    expect(reviewDueSoon('2025-03-01', '2025-03-01')).toBe(true);
    expect(reviewDueSoon('2025-02-01', '2025-03-01')).toBe(true);
  });
});

describe('consentExpiringSoon', () => {
  it('is a consent that expires from today to 30 days ahead', () => {
    expect(consentExpiringSoon('2025-03-01', '2025-03-01')).toBe(true);
    expect(consentExpiringSoon('2025-03-31', '2025-03-01')).toBe(true);
    expect(consentExpiringSoon('2025-04-01', '2025-03-01')).toBe(false);
  });

  it('is not a consent that has already expired', () => {
    expect(consentExpiringSoon('2025-02-28', '2025-03-01')).toBe(false);
  });
});

describe('minutes of a meeting', () => {
  it('are due two days after the Danish day the meeting ended', () => {
    // 23:30 UTC on 31 March is already 1 April in Copenhagen (summer time).
    expect(minutesDue(new Date('2025-03-31T23:30:00Z'))).toBe('2025-04-03');
    expect(minutesDue(new Date('2025-03-31T10:00:00Z'))).toBe('2025-04-02');
  });

  it('are late once more than two days have passed since the end', () => {
    const end = new Date('2025-04-01T12:00:00Z');
    expect(minutesOverdue(end, new Date('2025-04-03T12:00:00Z'))).toBe(false);
    expect(minutesOverdue(end, new Date('2025-04-03T12:00:01Z'))).toBe(true);
  });
});

describe('isOverdue', () => {
  it('is overdue from the day after the due date', () => {
    expect(isOverdue('2025-03-01', '2025-03-01')).toBe(false);
    expect(isOverdue('2025-02-28', '2025-03-01')).toBe(true);
  });
});

describe('endOfWeek', () => {
  it.each([
    ['2025-03-03', '2025-03-09'],
    ['2025-03-05', '2025-03-09'],
    ['2025-03-08', '2025-03-09'],
    ['2025-03-09', '2025-03-09'],
    ['2025-12-29', '2026-01-04'],
  ])('of %s is Sunday %s', (today, sunday) => {
    expect(endOfWeek(today)).toBe(sunday);
  });
});

describe('dedupeKey', () => {
  it('names a goal rating by the start of its period, so a new rating starts a new task', () => {
    expect(dedupeKey.goalRating('g1', '2025-01-15')).toBe('goal_rating:g1:2025-01-15');
    expect(dedupeKey.goalRating('g1', '2025-04-20')).not.toBe(dedupeKey.goalRating('g1', '2025-01-15'));
  });

  it('names the other deadlines by the row they come from', () => {
    expect(dedupeKey.planReview('v1')).toBe('plan_review:v1');
    expect(dedupeKey.consentExpiry('c1')).toBe('consent_expiry:c1');
    expect(dedupeKey.meetingFollowUp('m1')).toBe('meeting_follow_up:m1');
    expect(dedupeKey.meetingDecision('d1')).toBe('meeting_decision:d1');
  });
});
