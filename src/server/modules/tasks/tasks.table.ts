import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { RaisedTitleKind, TaskOrigin, TaskStatus } from '../../../shared/tasks.js';
import { municipality } from '../../db/municipality.table.js';
import { staffUser } from '../admin/users.table.js';

const mid = () => uuid('municipality_id').notNull().references(() => municipality.id);

/** An opgave: someone must do something by a date, for a family, a goal or a meeting. */
export const task = pgTable(
  'task',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    assigneeUserId: uuid('assignee_user_id').notNull(),
    title: text('title').notNull(),
    /** For a task the daily job raised and nobody retitled: what the title says, to write in the reader's language. */
    titleKind: text('title_kind').$type<RaisedTitleKind>(),
    titleSubject: text('title_subject'),
    description: text('description').notNull().default(''),
    due: date('due').notNull(),
    familyId: uuid('family_id'),
    goalId: uuid('goal_id'),
    meetingId: uuid('meeting_id'),
    origin: text('origin').$type<TaskOrigin>().notNull(),
    status: text('status').$type<TaskStatus>().notNull().default('open'),
    /** For tasks the system raises: one task per deadline, however often the job runs. */
    dedupeKey: text('dedupe_key'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.assigneeUserId], foreignColumns: [staffUser.municipalityId, staffUser.id] }),
    unique('task_dedupe_uq').on(t.municipalityId, t.dedupeKey),
    index('task_assignee_idx').on(t.municipalityId, t.assigneeUserId, t.status, t.due),
    index('task_family_idx').on(t.municipalityId, t.familyId),
  ],
);
