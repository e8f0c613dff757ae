import type { FamilyRelation } from '../../../shared/families.js';
import type { MeetingStatus } from '../../../shared/meetings.js';
import { may } from '../families/families.policy.js';

/** The meeting facts that decide what can be done with it now. */
export interface MeetingState {
  status: MeetingStatus;
  startsAt: Date;
  nextMeetingId: string | null;
}

/**
 * What the actor may do with a meeting. Contributing follows the family (coordinator and current team);
 * a planned meeting can be changed or cancelled, minutes need a meeting that has begun, a cancelled meeting
 * takes no minutes or decisions, and a meeting has at most one next meeting.
 */
export function meetingCan(relation: FamilyRelation | null, m: MeetingState, now: Date) {
  const contribute = may(relation, 'register_intervention');
  return {
    edit: contribute && m.status === 'planned',
    recordMinutes: contribute && m.status !== 'cancelled' && m.startsAt.getTime() <= now.getTime(),
    // Decisions are the meeting's outcome: recorded once it has begun, as the minutes are.
    decide: contribute && m.status !== 'cancelled' && m.startsAt.getTime() <= now.getTime(),
    cancel: contribute && m.status === 'planned',
    planNext: contribute && m.nextMeetingId === null,
  };
}
