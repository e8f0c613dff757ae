import type { z } from 'zod';
import type { AttentionDto, CreateTaskBody, RaisedTitle, RaisedTitleKind, TaskDto, TaskListDto, TaskOrigin, TaskSettingsBody, TaskSettingsDto, UpdateTaskBody } from '../../../shared/tasks';
import { api } from '../../api/client';
import type { MessageKey, Translate } from '../../i18n/I18nProvider';

export type Task = TaskDto;
export type TaskList = TaskListDto;
export type Attention = AttentionDto;
export type TaskListStatus = 'open' | 'done';

export const taskKeys = {
  all: ['tasks'] as const,
  mine: (status: TaskListStatus) => ['tasks', 'mine', status] as const,
  attention: ['tasks', 'attention'] as const,
  settings: ['admin', 'task-settings'] as const,
};

export function fetchMyTasks(status: TaskListStatus): Promise<TaskList> {
  return api('GET', '/api/v1/tasks/mine', { query: { status } });
}

export function createTask(body: z.input<typeof CreateTaskBody>): Promise<Task> {
  return api('POST', '/api/v1/tasks', { body });
}

export function updateTask(id: string, body: z.input<typeof UpdateTaskBody>): Promise<Task> {
  return api('PATCH', `/api/v1/tasks/${encodeURIComponent(id)}`, { body });
}

export function fetchAttention(): Promise<Attention> {
  return api('GET', '/api/v1/attention');
}

/** How often the daily job asks for goals to be rated (administrators). */
export function fetchTaskSettings(): Promise<z.infer<typeof TaskSettingsDto>> {
  return api('GET', '/api/v1/admin/task-settings');
}

export function saveTaskSettings(body: z.input<typeof TaskSettingsBody>): Promise<z.infer<typeof TaskSettingsDto>> {
  return api('PUT', '/api/v1/admin/task-settings', { body });
}

const ORIGIN_KEYS: Record<TaskOrigin, MessageKey> = {
  manual: 'taskOrigin.manual',
  meeting_decision: 'taskOrigin.meeting_decision',
  plan_review: 'taskOrigin.plan_review',
  goal_rating: 'taskOrigin.goal_rating',
  consent_expiry: 'taskOrigin.consent_expiry',
  meeting_follow_up: 'taskOrigin.meeting_follow_up',
};

export function taskOriginLabel(t: Translate, origin: string): string {
  return origin in ORIGIN_KEYS ? t(ORIGIN_KEYS[origin as TaskOrigin]) : origin;
}

const RAISED_KEYS: Record<RaisedTitleKind, MessageKey> = {
  plan_review: 'tasks.raised.plan_review',
  goal_rating: 'tasks.raised.goal_rating',
  consent_expiry: 'tasks.raised.consent_expiry',
  meeting_minutes: 'tasks.raised.meeting_minutes',
  meeting_decision: 'tasks.raised.meeting_decision',
};

/**
 * A task's title in the reader's language: a raised task's from what it says, a person's words as written. A goal
 * the reader may not see (no subject) gets the title that says so.
 */
export function taskTitle(t: Translate, task: { title: string; raised: RaisedTitle }): string {
  const r = task.raised;
  if (!r) return task.title;
  if (r.subject === null) return r.kind === 'goal_rating' ? t('tasks.raised.goal_rating_hidden') : task.title;
  return t(RAISED_KEYS[r.kind], { subject: r.subject });
}
