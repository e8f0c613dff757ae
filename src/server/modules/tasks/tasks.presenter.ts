import type { IsoDate } from '../../../shared/dates.js';
import type { TaskDto } from '../../../shared/tasks.js';
import { isOverdue } from './deadlines.rules.js';
import type { TaskView } from './tasks.repository.js';

/** The family's name as lists show it (the same form as the caseload): "Familien Hansen/Jensen". */
export function familyDisplayName(names: string[]): string {
  return `Familien ${names.slice(0, 3).join('/')}`.trim();
}

/**
 * Where a task leads: the family page, at the goal or the meeting when it is about one (the page's anchors
 * `goal-<id>` and `meeting-<id>`).
 */
export function taskLink(t: Pick<TaskView, 'familyId' | 'goalId' | 'meetingId'>, familyVisible: boolean): TaskDto['link'] {
  if (!t.familyId || !familyVisible) return { kind: 'none', path: null };
  const base = `/families/${t.familyId}`;
  if (t.goalId) return { kind: 'goal', path: `${base}#goal-${t.goalId}` };
  if (t.meetingId) return { kind: 'meeting', path: `${base}#meeting-${t.meetingId}` };
  return { kind: 'family', path: base };
}

/** A task for the API. `familyVisible` is false when the viewer may no longer see the family: then no name and no link. */
export function presentTask(t: TaskView, today: IsoDate, opts: { familyVisible: boolean; canUpdate: boolean }): TaskDto {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    due: t.due,
    status: t.status,
    origin: t.origin,
    overdue: t.status === 'open' && isOverdue(t.due, today),
    assignee: { id: t.assigneeUserId, name: t.assigneeName },
    family: t.familyId ? { id: t.familyId, name: opts.familyVisible ? familyDisplayName(t.familyNames) : null } : null,
    goalId: t.goalId,
    meetingId: t.meetingId,
    link: taskLink(t, opts.familyVisible),
    createdAt: t.createdAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    can: { update: opts.canUpdate },
  };
}
