import { describe, expect, it } from 'vitest';
import type { FamilyRelation } from '../../../shared/families.js';
import { meetingCan, type MeetingState } from './meetings.policy.js';

const now = new Date('2026-03-10T12:00:00Z');
const past = new Date('2026-03-10T09:00:00Z');
const future = new Date('2026-03-11T09:00:00Z');
const planned: MeetingState = { status: 'planned', startsAt: past, nextMeetingId: null };

describe('meetingCan', () => {
  it.each<[FamilyRelation | null, boolean]>([
    ['coordinator', true],
    ['team', true],
    ['manager', false],
    ['break_glass', false],
    [null, false],
  ])('lets %s contribute: %s', (relation, allowed) => {
    expect(meetingCan(relation, planned, now)).toEqual({ edit: allowed, recordMinutes: allowed, decide: allowed, cancel: allowed, planNext: allowed });
  });

  it.each<[string, MeetingState, ReturnType<typeof meetingCan>]>([
    ['a planned meeting not yet begun takes no minutes and no decisions', { ...planned, startsAt: future }, { edit: true, recordMinutes: false, decide: false, cancel: true, planNext: true }],
    ['a held meeting is no longer changed or cancelled', { ...planned, status: 'held' }, { edit: false, recordMinutes: true, decide: true, cancel: false, planNext: true }],
    ['a cancelled meeting only gets a next meeting', { ...planned, status: 'cancelled' }, { edit: false, recordMinutes: false, decide: false, cancel: false, planNext: true }],
    ['a meeting with a next meeting gets no second one', { ...planned, nextMeetingId: 'x' }, { edit: true, recordMinutes: true, decide: true, cancel: true, planNext: false }],
  ])('%s', (_, state, expected) => {
    expect(meetingCan('coordinator', state, now)).toEqual(expected);
  });
});
