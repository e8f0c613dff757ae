import { boolean, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MeetingStatus, ParticipantKind } from '../../../shared/meetings.js';
import { municipality } from '../../db/municipality.table.js';
import { family } from '../families/families.table.js';

const mid = () => uuid('municipality_id').notNull().references(() => municipality.id);

/** A netværksmøde with the family and its network. */
export const meeting = pgTable(
  'meeting',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    /** Goal ids on the agenda, in order. */
    agendaGoalIds: uuid('agenda_goal_ids').array().notNull(),
    agendaText: text('agenda_text').notNull().default(''),
    minutes: text('minutes').notNull().default(''),
    status: text('status').$type<MeetingStatus>().notNull().default('planned'),
    /** Bumped on every change; also the iCalendar SEQUENCE. */
    version: integer('version').notNull().default(1),
    nextMeetingId: uuid('next_meeting_id'),
    /** When and why the meeting was called off (status `cancelled`). */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    index('meeting_family_idx').on(t.municipalityId, t.familyId, t.startsAt),
    index('meeting_starts_idx').on(t.municipalityId, t.startsAt),
  ],
);

/** Who takes part: a family member, a staff user, or a network person by name and relation. */
export const meetingParticipant = pgTable(
  'meeting_participant',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    meetingId: uuid('meeting_id').notNull(),
    kind: text('kind').$type<ParticipantKind>().notNull(),
    personId: uuid('person_id'),
    userId: uuid('user_id'),
    name: text('name'),
    relation: text('relation'),
    email: text('email'),
    attended: boolean('attended'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.meetingId], foreignColumns: [meeting.municipalityId, meeting.id] }),
    index('meeting_participant_meeting_idx').on(t.municipalityId, t.meetingId),
    index('meeting_participant_user_idx').on(t.municipalityId, t.userId),
  ],
);

/** A decision at the meeting; it becomes a plan action or a task with an owner and a due date. */
export const meetingDecision = pgTable(
  'meeting_decision',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    meetingId: uuid('meeting_id').notNull(),
    text: text('text').notNull(),
    actionId: uuid('action_id'),
    taskId: uuid('task_id'),
    due: date('due'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.meetingId], foreignColumns: [meeting.municipalityId, meeting.id] }),
  ],
);
