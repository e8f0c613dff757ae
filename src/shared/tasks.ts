import { z } from 'zod';
import { IsoDateSchema } from './families.js';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Where a task came from: a person, a meeting decision, or a deadline the system raised. */
export const TASK_ORIGINS = ['manual', 'meeting_decision', 'plan_review', 'goal_rating', 'consent_expiry', 'meeting_follow_up'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];

export const TaskBody = z.strictObject({
  assigneeUserId: z.uuid(),
  title: z.string().trim().min(1, { error: 'required' }).max(300),
  description: z.string().trim().max(4000).default(''),
  due: IsoDateSchema,
  familyId: z.uuid().optional(),
  goalId: z.uuid().optional(),
  meetingId: z.uuid().optional(),
});
