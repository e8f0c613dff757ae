import { z } from 'zod';

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const PARTICIPANT_KINDS = ['member', 'staff', 'network'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const ParticipantInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), personId: z.uuid() }),
  z.strictObject({ kind: z.literal('staff'), userId: z.uuid() }),
  z.strictObject({
    kind: z.literal('network'),
    name: z.string().trim().min(1, { error: 'required' }).max(200),
    /** e.g. "mormor", "fodboldtræner" */
    relation: z.string().trim().min(1, { error: 'required' }).max(100),
    email: z.email({ error: 'email' }).optional(),
  }),
]);

export const MeetingBody = z
  .strictObject({
    title: z.string().trim().min(1, { error: 'required' }).max(200),
    startsAt: z.iso.datetime({ offset: true, error: 'datetime' }),
    endsAt: z.iso.datetime({ offset: true, error: 'datetime' }),
    place: z.string().trim().max(300).optional(),
    onlineUrl: z.url({ protocol: /^https$/, error: 'https_url' }).optional(),
    agendaGoalIds: z.array(z.uuid()).default([]),
    agendaText: z.string().trim().max(4000).default(''),
    participants: z.array(ParticipantInput).default([]),
  })
  .superRefine((m, ctx) => {
    if (new Date(m.endsAt) <= new Date(m.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'meeting_end_before_start' });
  });
