import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Lang } from '../../../shared/i18n.js';
import type { MeetingStatus } from '../../../shared/meetings.js';
import { withoutCpr } from '../../../shared/cpr.js';

/** What an invitation may say: the meeting's own words and who is invited — never case text or CPR. */
export interface InvitationInput {
  meetingId: string;
  /** The meeting's version: the iCalendar SEQUENCE, so calendars replace an older invitation. */
  sequence: number;
  status: MeetingStatus;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
  agendaText: string;
  /** Titles of the goals on the agenda, in the family's own words. */
  agendaGoalTitles: string[];
  organizer: { name: string; email: string } | null;
  /** Participants with a known e-mail; the others cannot receive an invitation. */
  attendees: Array<{ name: string; email: string }>;
  /** When the invitation is issued (DTSTAMP). */
  stamp: Date;
  lang: Lang;
}

const LABELS: Record<Lang, { agenda: string; goals: string; online: string; cancelled: string }> = {
  da: { agenda: 'Dagsorden', goals: 'Mål på dagsordenen', online: 'Online', cancelled: 'AFLYST' },
  en: { agenda: 'Agenda', goals: 'Goals on the agenda', online: 'Online', cancelled: 'CANCELLED' },
};

/** The stable iCalendar UID of a meeting: every version of its invitation updates the same calendar entry. */
export function invitationUid(meetingId: string): string {
  return `${meetingId}@helhed`;
}

function description(input: InvitationInput): string {
  const l = LABELS[input.lang];
  const parts: string[] = [];
  if (input.agendaText.trim()) parts.push(`${l.agenda}:\n${input.agendaText.trim()}`);
  if (input.agendaGoalTitles.length > 0) parts.push(`${l.goals}:\n${input.agendaGoalTitles.map((t) => `- ${t}`).join('\n')}`);
  if (input.onlineUrl) parts.push(`${l.online}: ${input.onlineUrl}`);
  return withoutCpr(parts.join('\n\n'));
}

/**
 * The meeting as an iCalendar invitation (RFC 5545/5546): one VEVENT in UTC, METHOD:REQUEST, or METHOD:CANCEL
 * with STATUS:CANCELLED once the meeting is called off.
 */
export function buildInvitation(input: InvitationInput): string {
  const cancelled = input.status === 'cancelled';
  const calendar = ical({
    prodId: { company: 'Helhed', product: 'Helhed', language: input.lang.toUpperCase() },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const location = input.place ?? input.onlineUrl;
  calendar.createEvent({
    id: invitationUid(input.meetingId),
    sequence: input.sequence,
    stamp: input.stamp,
    start: input.startsAt,
    end: input.endsAt,
    summary: withoutCpr(cancelled ? `${LABELS[input.lang].cancelled}: ${input.title}` : input.title),
    location: location ? withoutCpr(location) : null,
    url: input.onlineUrl,
    description: description(input),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendees: input.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: !cancelled,
    })),
  });
  return calendar.toString();
}
