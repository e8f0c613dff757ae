import type { IsoDate } from '../../../shared/dates.js';
import { familySurnames } from '../../../shared/families.js';
import type { RaisedTitleKind, TaskDto, TaskOrigin } from '../../../shared/tasks.js';
import { isOverdue } from './deadlines.rules.js';
import type { TaskView } from './tasks.repository.js';

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

/**
 * The title a goal-rating task shows someone who may not see its goal: the raised title quotes the goal's
 * (deadlines.service), so it is not shown (decision 0017). The web app writes it from `raised` with no subject.
 */
export const HIDDEN_GOAL_RATING_TITLE = 'Vurdér et mål i familiens plan (samtykket dækker ikke målets livsområde for dig — kontakt koordinatoren)';

/**
 * A task's title and what a raised one says. A goal-rating task whose goal the viewer may not see shows neither the
 * goal's title nor its subject.
 */
export function presentTitle(
  t: { title: string; titleKind: RaisedTitleKind | null; titleSubject: string | null; origin: TaskOrigin },
  goalHidden: boolean,
): Pick<TaskDto, 'title' | 'raised'> {
  if (goalHidden && t.origin === 'goal_rating') return { title: HIDDEN_GOAL_RATING_TITLE, raised: { kind: 'goal_rating', subject: null } };
  return { title: t.title, raised: t.titleKind ? { kind: t.titleKind, subject: t.titleSubject } : null };
}

/**
 * A task for the API. `familyVisible` is false when the viewer may no longer see the family: then no name and no
 * link. `goalHidden` is true when the viewer may not see the task's goal (decision 0017): then no goal id, a link
 * to the family (or meeting) instead of the goal, and a goal-rating task's title — made from the goal's — not
 * shown. A manual task keeps the words a colleague wrote for its assignee.
 */
export function presentTask(t: TaskView, today: IsoDate, opts: { familyVisible: boolean; canUpdate: boolean; goalHidden?: boolean }): TaskDto {
  const goalHidden = opts.goalHidden === true && t.goalId !== null;
  return {
    id: t.id,
    ...presentTitle(t, goalHidden),
    description: t.description,
    due: t.due,
    status: t.status,
    origin: t.origin,
    overdue: t.status === 'open' && isOverdue(t.due, today),
    assignee: { id: t.assigneeUserId, name: t.assigneeName },
    family: t.familyId ? { id: t.familyId, names: opts.familyVisible ? familySurnames(t.familyNames) : null } : null,
    goalId: goalHidden ? null : t.goalId,
    meetingId: t.meetingId,
    link: taskLink(goalHidden ? { ...t, goalId: null } : t, opts.familyVisible),
    createdAt: t.createdAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    can: { update: opts.canUpdate },
  };
}
