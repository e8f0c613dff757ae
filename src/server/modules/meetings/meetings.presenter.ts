import type { DecisionDto, MeetingDto, MeetingSummaryDto, ParticipantDto } from '../../../shared/meetings.js';
import type { meetingCan } from './meetings.policy.js';
import type { DecisionRow, MeetingRow, ParticipantView } from './meetings.repository.js';

export function presentParticipant(p: ParticipantView): ParticipantDto {
  return {
    id: p.id,
    kind: p.kind,
    personId: p.personId,
    userId: p.userId,
    name: p.displayName,
    relation: p.displayRelation,
    email: p.displayEmail,
    attended: p.attended,
  };
}

export function presentDecision(d: DecisionRow): DecisionDto {
  return {
    id: d.id,
    text: d.text,
    becomes: d.taskId ? 'task' : 'action',
    taskId: d.taskId,
    actionId: d.actionId,
    due: d.due,
    createdAt: d.createdAt.toISOString(),
  };
}

export interface MeetingParts {
  row: MeetingRow;
  participants: ParticipantView[];
  decisions: DecisionRow[];
  goalTitles: Map<string, string>;
  previousMeetingId: string | null;
  can: ReturnType<typeof meetingCan>;
  /** Agenda goals and decisions (plan actions) under goals the viewer's consent does not cover (decision 0017). */
  hidden: { goalIds: ReadonlySet<string>; decisionIds: ReadonlySet<string> };
}

export function presentMeeting(p: MeetingParts): MeetingDto {
  const m = p.row;
  return {
    id: m.id,
    familyId: m.familyId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    place: m.place,
    onlineUrl: m.onlineUrl,
    agendaGoals: m.agendaGoalIds.filter((id) => !p.hidden.goalIds.has(id)).map((id) => ({ id, title: p.goalTitles.get(id) ?? '' })),
    agendaText: m.agendaText,
    participants: p.participants.map(presentParticipant),
    minutes: m.minutes,
    decisions: p.decisions.filter((d) => !p.hidden.decisionIds.has(d.id)).map(presentDecision),
    status: m.status,
    version: m.version,
    previousMeetingId: p.previousMeetingId,
    nextMeetingId: m.nextMeetingId,
    cancelledAt: m.cancelledAt?.toISOString() ?? null,
    cancelReason: m.cancelReason,
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    can: p.can,
    hiddenByConsent: {
      agendaGoals: m.agendaGoalIds.filter((id) => p.hidden.goalIds.has(id)).length,
      decisions: p.decisions.filter((d) => p.hidden.decisionIds.has(d.id)).length,
    },
  };
}

export function presentSummary(m: MeetingRow, participantCount: number): MeetingSummaryDto {
  return {
    id: m.id,
    familyId: m.familyId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    place: m.place,
    onlineUrl: m.onlineUrl,
    status: m.status,
    version: m.version,
    participantCount,
    nextMeetingId: m.nextMeetingId,
  };
}

