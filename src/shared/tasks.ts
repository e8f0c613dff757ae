import { z } from 'zod';
import { FamilyNamesSchema, IsoDateSchema } from './families.js';
import { idError } from './field-messages.js';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Where a task came from: a person, a meeting decision, or a deadline the system raised. */
export const TASK_ORIGINS = ['manual', 'meeting_decision', 'plan_review', 'goal_rating', 'consent_expiry', 'meeting_follow_up'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];

/**
 * What a task the daily job raised is about, so that each reader sees its title in their own language: review the
 * plan (subject: the version's number), rate a goal (the goal's title), renew a consent (the given name of the
 * person who gave it), write a meeting's minutes (the meeting's title), follow up a meeting's decision (its text).
 */
export const RAISED_TITLE_KINDS = ['plan_review', 'goal_rating', 'consent_expiry', 'meeting_minutes', 'meeting_decision'] as const;
export type RaisedTitleKind = (typeof RAISED_TITLE_KINDS)[number];

/**
 * The words of a raised task's title, for the client to write; null for a task a person wrote or retitled (then
 * `title` is theirs). `subject` is null when the viewer may not see it: a goal the consent does not cover for them
 * (decision 0017).
 */
export const RaisedTitleSchema = z.object({ kind: z.enum(RAISED_TITLE_KINDS), subject: z.string().nullable() }).nullable();
export type RaisedTitle = z.infer<typeof RaisedTitleSchema>;

export const TaskBody = z.strictObject({
  assigneeUserId: z.uuid({ error: idError }),
  title: z.string().trim().min(1, { error: 'required' }).max(300),
  description: z.string().trim().max(4000).default(''),
  due: IsoDateSchema,
  familyId: z.uuid({ error: idError }).optional(),
  goalId: z.uuid({ error: idError }).optional(),
  meetingId: z.uuid({ error: idError }).optional(),
});

/** A new task: linking a goal or a meeting needs the family it belongs to. */
export const CreateTaskBody = TaskBody.superRefine((t, ctx) => {
  if (!t.familyId && (t.goalId || t.meetingId)) ctx.addIssue({ code: 'custom', path: ['familyId'], message: 'family_required' });
});

/** A change to a task: close it (done/cancelled), reopen it, move its due date, retitle or hand it on. */
export const UpdateTaskBody = z
  .strictObject({
    status: z.enum(TASK_STATUSES).optional(),
    due: IsoDateSchema.optional(),
    title: z.string().trim().min(1, { error: 'required' }).max(300).optional(),
    description: z.string().trim().max(4000).optional(),
    assigneeUserId: z.uuid({ error: idError }).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { error: 'change_required' });

export const TaskParams = z.strictObject({ id: z.uuid({ error: idError }) });
export const FamilyTasksParams = z.strictObject({ id: z.uuid({ error: idError }) });

/** "Mine opgaver": the open ones (overdue first, then by due date) or the closed ones (latest first). */
export const MyTasksQuery = z.strictObject({ status: z.enum(['open', 'done', 'cancelled']).default('open') });

export const TASK_LINK_KINDS = ['family', 'goal', 'meeting', 'none'] as const;

export const TaskDto = z.object({
  id: z.uuid(),
  /** As stored: a person's words, or a raised task's title in Danish (see `raised`). */
  title: z.string(),
  raised: RaisedTitleSchema,
  description: z.string(),
  due: z.string(),
  status: z.enum(TASK_STATUSES),
  origin: z.enum(TASK_ORIGINS),
  /** Open and due before today (in Denmark). */
  overdue: z.boolean(),
  assignee: z.object({ id: z.uuid(), name: z.string() }),
  /** The family it is for; `names` null when the viewer may no longer see the family (then there is no link either). */
  family: z.object({ id: z.uuid(), names: FamilyNamesSchema.nullable() }).nullable(),
  goalId: z.uuid().nullable(),
  meetingId: z.uuid().nullable(),
  /** Where the task leads in the web app. */
  link: z.object({ kind: z.enum(TASK_LINK_KINDS), path: z.string().nullable() }),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  can: z.object({ update: z.boolean() }),
});
export type TaskDto = z.infer<typeof TaskDto>;

export const TaskListDto = z.object({
  tasks: z.array(TaskDto),
  /** More tasks than the list holds. */
  truncated: z.boolean(),
  /**
   * Tasks left out because they are about a goal the consent does not cover for the viewer (decision 0017);
   * the viewer's own tasks are never left out, only told without the goal.
   */
  hiddenByConsent: z.number().int(),
});
export type TaskListDto = z.infer<typeof TaskListDto>;

/** What needs attention, for the header. A count is null when it does not apply to the user's roles. */
export const AttentionDto = z.object({
  overdueTasks: z.number().int(),
  /** Open tasks due from today to Sunday of this week (overdue ones are counted above). */
  openTasksDueThisWeek: z.number().int(),
  /** Managers: break-the-glass accesses to their unit's families not yet reviewed. */
  unreviewedBreakGlass: z.number().int().nullable(),
  /** Coordinators and managers: referrals waiting in the visitation queue. */
  openReferrals: z.number().int().nullable(),
});
export type AttentionDto = z.infer<typeof AttentionDto>;

/** The municipality's deadline settings (administrators). */
export const TaskSettingsDto = z.object({ goalRatingIntervalMonths: z.number().int() });
export const TaskSettingsBody = z.strictObject({
  goalRatingIntervalMonths: z.number({ error: 'rating_interval' }).int({ error: 'rating_interval' }).min(1, { error: 'rating_interval' }).max(12, { error: 'rating_interval' }),
});
