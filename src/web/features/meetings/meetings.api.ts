import type { Lang } from '../../../shared/i18n';
import type { z } from 'zod';
import type { CancelMeetingBody, DecisionBody, FamilyMeetingsDto, MeetingBody, MeetingDto, MinutesBody, MyMeetingsDto, UpdateMeetingBody } from '../../../shared/meetings';
import { api } from '../../api/client';

export type Meeting = MeetingDto;
export type MeetingSummary = z.infer<typeof FamilyMeetingsDto>['meetings'][number];
export type FamilyMeetings = z.infer<typeof FamilyMeetingsDto>;
export type MyMeetings = z.infer<typeof MyMeetingsDto>;

export const meetingKeys = {
  family: (familyId: string) => ['meetings', 'family', familyId] as const,
  meeting: (id: string) => ['meetings', id] as const,
  mine: ['meetings', 'mine'] as const,
  all: ['meetings'] as const,
};

const familyPath = (familyId: string) => `/api/v1/families/${encodeURIComponent(familyId)}/meetings`;
const meetingPath = (id: string) => `/api/v1/meetings/${encodeURIComponent(id)}`;

export function fetchFamilyMeetings(familyId: string): Promise<FamilyMeetings> {
  return api('GET', familyPath(familyId));
}

export function scheduleMeeting(familyId: string, body: z.input<typeof MeetingBody>): Promise<Meeting> {
  return api('POST', familyPath(familyId), { body });
}

export function fetchMeeting(id: string): Promise<Meeting> {
  return api('GET', meetingPath(id));
}

export function changeMeeting(id: string, body: z.input<typeof UpdateMeetingBody>): Promise<Meeting> {
  return api('PATCH', meetingPath(id), { body });
}

export function recordMinutes(id: string, body: z.input<typeof MinutesBody>): Promise<Meeting> {
  return api('POST', `${meetingPath(id)}/minutes`, { body });
}

export function recordDecision(id: string, body: z.input<typeof DecisionBody>): Promise<Meeting> {
  return api('POST', `${meetingPath(id)}/decisions`, { body });
}

export function planNextMeeting(id: string, body: z.input<typeof MeetingBody>): Promise<Meeting> {
  return api('POST', `${meetingPath(id)}/next`, { body });
}

export function cancelMeeting(id: string, body: z.input<typeof CancelMeetingBody>): Promise<Meeting> {
  return api('POST', `${meetingPath(id)}/cancel`, { body });
}

export function fetchMyMeetings(): Promise<MyMeetings> {
  return api('GET', '/api/v1/meetings/mine');
}

/** The meeting's iCalendar invitation in the app's language; a plain link, downloaded with the session cookie. */
export function invitationUrl(id: string, lang: Lang): string {
  return `${meetingPath(id)}/invitation.ics?lang=${lang}`;
}
