import { z } from 'zod';
import { FamilyNamesSchema, IsoDateSchema } from './families.js';
import { ResponsibleSchema } from './plans.js';
import { idError } from './field-messages.js';

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const PARTICIPANT_KINDS = ['member', 'staff', 'network'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const MAX_MEETING_TITLE = 200;
export const MAX_AGENDA_TEXT = 4000;
export const MAX_MINUTES = 20_000;
export const MAX_DECISION_TEXT = 1000;

export const ParticipantInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), personId: z.uuid({ error: idError }) }),
  z.strictObject({ kind: z.literal('staff'), userId: z.uuid({ error: idError }) }),
  z.strictObject({
    kind: z.literal('network'),
    name: z.string().trim().min(1, { error: 'required' }).max(200),
    /** e.g. "mormor", "fodboldtræner" */
    relation: z.string().trim().min(1, { error: 'required' }).max(100),
    email: z.email({ error: 'email' }).optional(),
  }),
]);
export type ParticipantInput = z.infer<typeof ParticipantInput>;

const Title = z.string().trim().min(1, { error: 'required' }).max(MAX_MEETING_TITLE);
const DateTime = z.iso.datetime({ offset: true, error: 'datetime' });
const Place = z.string().trim().max(300);
const OnlineUrl = z.url({ protocol: /^https$/, error: 'https_url' });
const AgendaGoalIds = z.array(z.uuid({ error: idError })).max(50);
const AgendaText = z.string().trim().max(MAX_AGENDA_TEXT);
const Participants = z.array(ParticipantInput).max(100);

function endAfterStart(m: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx): void {
  if (m.startsAt && m.endsAt && new Date(m.endsAt) <= new Date(m.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'meeting_end_before_start' });
  }
}

/** A netværksmøde as scheduled: time with offset, a place and/or an https link, the agenda and who takes part. */
export const MeetingBody = z
  .strictObject({
    title: Title,
    startsAt: DateTime,
    endsAt: DateTime,
    place: Place.optional(),
    onlineUrl: OnlineUrl.optional(),
    /** Goals of the family's plan on the agenda, in order. */
    agendaGoalIds: AgendaGoalIds.default([]),
    agendaText: AgendaText.default(''),
    participants: Participants.default([]),
  })
  .superRefine(endAfterStart);
export type MeetingBody = z.infer<typeof MeetingBody>;

/**
 * A change to a planned meeting, made from the version the user saw: reschedule, move, change the agenda or
 * who takes part (the list given replaces the list; unchanged participants keep their ids). Null clears.
 */
export const UpdateMeetingBody = z
  .strictObject({
    title: Title.optional(),
    startsAt: DateTime.optional(),
    endsAt: DateTime.optional(),
    place: Place.nullable().optional(),
    onlineUrl: OnlineUrl.nullable().optional(),
    agendaGoalIds: AgendaGoalIds.optional(),
    agendaText: AgendaText.optional(),
    participants: Participants.optional(),
    version: z.number().int().positive(),
  })
  .superRefine(endAfterStart);
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

/** The minutes (referat) and who came; recording them marks the meeting held. */
export const MinutesBody = z.strictObject({
  minutes: z.string().trim().min(1, { error: 'required' }).max(MAX_MINUTES),
  /** Participant ids (of this meeting) who attended; everyone else is recorded as absent. */
  attended: z.array(z.uuid({ error: idError })).max(100).default([]),
});

const DecisionText = z.string().trim().min(1, { error: 'required' }).max(MAX_DECISION_TEXT);

/** A decision at the meeting: it becomes a task for a staff user, or an action under a goal of the plan. */
export const DecisionBody = z.discriminatedUnion('becomes', [
  z.strictObject({ becomes: z.literal('task'), text: DecisionText, assigneeUserId: z.uuid({ error: idError }), due: IsoDateSchema }),
  z.strictObject({
    becomes: z.literal('action'),
    text: DecisionText,
    goalId: z.uuid({ error: idError }),
    responsible: ResponsibleSchema,
    due: IsoDateSchema.optional(),
  }),
]);
export type DecisionBody = z.infer<typeof DecisionBody>;

export const CancelMeetingBody = z.strictObject({ reason: z.string().trim().min(1, { error: 'required' }).max(1000) });

export const MeetingParams = z.strictObject({ meetingId: z.string() });
export const FamilyMeetingsParams = z.strictObject({ id: z.string() });

/** "Mine møder": from and to are calendar dates in Denmark (to inclusive); from defaults to now. */
export const MyMeetingsQuery = z
  .strictObject({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  });

export const ParticipantDto = z.object({
  id: z.uuid(),
  kind: z.enum(PARTICIPANT_KINDS),
  personId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  /** The person's, staff user's or network person's name. */
  name: z.string(),
  /** A network person's relation to the family; a staff user's department; null for a family member. */
  relation: z.string().nullable(),
  email: z.string().nullable(),
  /** Null until the minutes are recorded. */
  attended: z.boolean().nullable(),
});
export type ParticipantDto = z.infer<typeof ParticipantDto>;

export const DecisionDto = z.object({
  id: z.uuid(),
  text: z.string(),
  becomes: z.enum(['task', 'action']),
  taskId: z.uuid().nullable(),
  actionId: z.uuid().nullable(),
  due: z.string().nullable(),
  createdAt: z.string(),
});
export type DecisionDto = z.infer<typeof DecisionDto>;

const MeetingCan = z.object({ edit: z.boolean(), recordMinutes: z.boolean(), decide: z.boolean(), cancel: z.boolean(), planNext: z.boolean() });

export const MeetingDto = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  agendaGoals: z.array(z.object({ id: z.uuid(), title: z.string() })),
  agendaText: z.string(),
  participants: z.array(ParticipantDto),
  minutes: z.string(),
  decisions: z.array(DecisionDto),
  status: z.enum(MEETING_STATUSES),
  /** Optimistic-concurrency counter; also the invitation's iCalendar SEQUENCE. */
  version: z.number().int(),
  previousMeetingId: z.uuid().nullable(),
  nextMeetingId: z.uuid().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: MeetingCan,
  /**
   * Agenda goals and decisions (actions under a goal) left out for this viewer because the consent does not
   * cover the goal's life domain (decision 0017).
   */
  hiddenByConsent: z.object({ agendaGoals: z.number().int(), decisions: z.number().int() }),
});
export type MeetingDto = z.infer<typeof MeetingDto>;

export const MeetingSummaryDto = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  version: z.number().int(),
  participantCount: z.number().int(),
  nextMeetingId: z.uuid().nullable(),
});
export type MeetingSummaryDto = z.infer<typeof MeetingSummaryDto>;

export const FamilyMeetingsDto = z.object({
  meetings: z.array(MeetingSummaryDto),
  can: z.object({ schedule: z.boolean() }),
});

/** "Mine møder": upcoming meetings where the user takes part as staff or coordinates the family. */
export const MyMeetingsDto = z.object({
  meetings: z.array(
    MeetingSummaryDto.extend({
      familyNames: FamilyNamesSchema,
      /** Why the meeting is on the list. */
      as: z.enum(['participant', 'coordinator']),
    }),
  ),
  truncated: z.boolean(),
  /** Meetings the user is invited to in families they may no longer open (team ended, consent narrowed): counted only. */
  notAccessible: z.number().int().min(0),
});
