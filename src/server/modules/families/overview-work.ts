import { sql } from 'drizzle-orm';
import { coversDomain, lifeDomainKind } from '../../../shared/consent-kinds.js';
import type { ConsentKind } from '../../../shared/families.js';
import type { RaisedTitleKind, TaskOrigin } from '../../../shared/tasks.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { visibleNotesSql } from '../journal/journal.repository.js';
import { presentTitle } from '../tasks/tasks.presenter.js';
import { literalLimit } from '../../db/prepared.js';

export interface FamilyWorkRow {
  plan: {
    currentVersionId: string | null;
    number: number | null;
    publishedAt: string | null;
    nextReviewDate: string | null;
    goals: {
      id: string;
      personId: string | null;
      domain: string;
      horizon: string;
      title: string;
      status: string;
      targetDate: string | null;
      ratingValue: number | string | null;
      ratingDate: string | null;
      ratingBy: string | null;
    }[];
  } | null;
  meeting: { title: string; startsAt: string; endsAt: string; place: string | null; onlineUrl: string | null } | null;
  tasks: { id: string; title: string; titleKind: RaisedTitleKind | null; titleSubject: string | null; due: string; origin: TaskOrigin; assigneeName: string; assigneeUserId: string; goalDomain: string | null }[];
  /** At most EXCERPT + 1 characters of each note's text. */
  notes: { id: string; type: string; occurredAt: string; authorName: string; restricted: boolean; personIds: string[]; text: string }[];
  [key: string]: unknown;
}

/** How many notes the overview shows, and how long an excerpt is. */
const LATEST_NOTES = 5;
const EXCERPT = 200;

/** The first EXCERPT UTF-16 units of a note and '…' when there is more, never cutting a character in two. */
export function excerptOf(text: string): string {
  if (text.length <= EXCERPT) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[EXCERPT - 1]!) ? EXCERPT - 1 : EXCERPT;
  return `${text.slice(0, cut)}…`;
}

/**
 * The journal's rule for the notes a viewer sees (visibleNotesSql), with the viewer as the overview statement's
 * placeholders userId, departmentId and relation: for its latest notes and for the recent activity's note events.
 */
export const noteVisibleToViewerSql = () =>
  visibleNotesSql({ userId: sql.placeholder('userId'), departmentId: sql.placeholder('departmentId'), relation: sql.placeholder('relation') });

/**
 * The plan with its goals (each with its latest rating), the next meeting and the open tasks: columns of the overview's
 * one statement (overview.service.ts), with its placeholders m, familyId and now; and the latest notes the viewer may see
 * (placeholders userId, departmentId and relation: the same rule as the journal's, visibleNotesSql), their text cut to
 * what the excerpt needs.
 */
export const familyWorkColumns = () => sql`
      (select json_build_object(
                'currentVersionId', p.current_version_id, 'number', v.number, 'publishedAt', v.published_at, 'nextReviewDate', v.next_review_date,
                'goals', (select coalesce(json_agg(json_build_object(
                                   'id', g.id, 'personId', g.person_id, 'domain', g.domain, 'horizon', g.horizon, 'title', g.title, 'status', g.status,
                                   'targetDate', g.target_date, 'ratingValue', r.value, 'ratingDate', r.date, 'ratingBy', r.respondent)
                                 order by g.sort_order, g.created_at), '[]')
                          from plan_goal g
                          left join lateral (select value, date, respondent from goal_rating gr
                                             where gr.municipality_id = g.municipality_id and gr.goal_id = g.id
                                             order by gr.date desc, gr.created_at desc limit 1) r on true
                          where g.municipality_id = p.municipality_id and g.plan_id = p.id and g.removed_at is null))
         from plan p
         left join plan_version v on v.municipality_id = p.municipality_id and v.id = p.current_version_id
         where p.municipality_id = ${sql.placeholder('m')} and p.family_id = ${sql.placeholder('familyId')}
         limit 1) as "plan",
      (select json_build_object('title', mt.title, 'startsAt', mt.starts_at, 'endsAt', mt.ends_at, 'place', mt.place, 'onlineUrl', mt.online_url)
         from meeting mt
         where mt.municipality_id = ${sql.placeholder('m')} and mt.family_id = ${sql.placeholder('familyId')} and mt.status = 'planned' and mt.starts_at >= ${sql.placeholder('now')}::timestamptz
         order by mt.starts_at
         limit 1) as "meeting",
      (select coalesce(json_agg(json_build_object('id', t.id, 'title', t.title, 'titleKind', t.title_kind, 'titleSubject', t.title_subject, 'due', t.due, 'origin', t.origin, 'assigneeName', t.name,
                                                  'assigneeUserId', t.assignee_user_id, 'goalDomain', t.goal_domain) order by t.due), '[]')
         from (select task.id, task.title, task.title_kind, task.title_subject, task.due, task.origin, u.name, task.assignee_user_id, tg.domain as goal_domain
               from task
               join staff_user u on u.municipality_id = task.municipality_id and u.id = task.assignee_user_id
               left join plan_goal tg on tg.municipality_id = task.municipality_id and tg.id = task.goal_id
               where task.municipality_id = ${sql.placeholder('m')} and task.family_id = ${sql.placeholder('familyId')} and task.status = 'open'
               order by task.due
               limit 10) t) as "tasks",
      (select coalesce(json_agg(json_build_object('id', x.id, 'type', x.type, 'occurredAt', x.occurred_at, 'authorName', x.name,
                                                  'restricted', x.restricted, 'personIds', x.person_ids, 'text', x.text)
                                order by x.occurred_at desc, x.created_at desc, x.id), '[]')
         from (select journal_note.id, journal_note.type, journal_note.occurred_at, journal_note.created_at, journal_note.restricted,
                      journal_note.person_ids, left(journal_note.text, ${EXCERPT + 1}) as text, u.name
               from journal_note
               join staff_user u on u.municipality_id = journal_note.municipality_id and u.id = journal_note.author_id
               where journal_note.municipality_id = ${sql.placeholder('m')} and journal_note.family_id = ${sql.placeholder('familyId')}
                 and ${noteVisibleToViewerSql()}
               order by journal_note.occurred_at desc, journal_note.created_at desc, journal_note.id
               limit ${literalLimit(LATEST_NOTES)}) x) as "notes"`;

/**
 * What the family overview shows of the daily work: the plan in force (goals with their latest rating), the
 * next meeting, open tasks and the latest notes the viewer may see, from the overview statement's columns
 * (familyWorkColumns); the overview audits. Goals of
 * kinds the viewer's consent does not cover are left out and counted (decision 0017), and so are open tasks about
 * such a goal, except the viewer's own (shown as the tasks module shows them, without the goal).
 */
export function familyWork(ctx: Ctx, kinds: readonly ConsentKind[], read: FamilyWorkRow) {
  const actor = actorOf(ctx);
  const { plan: planRow, meeting, tasks, notes } = read;
  const shownGoals = planRow ? planRow.goals.filter((g) => kinds.includes(lifeDomainKind(g.domain))) : [];
  return {
    plan: planRow
      ? {
          currentVersion: planRow.currentVersionId
            ? { number: planRow.number!, publishedAt: new Date(planRow.publishedAt!).toISOString(), nextReviewDate: planRow.nextReviewDate! }
            : null,
          hiddenByConsent: planRow.goals.length - shownGoals.length,
          goals: shownGoals.map((g) => ({
            id: g.id,
            personId: g.personId,
            domain: g.domain,
            horizon: g.horizon,
            title: g.title,
            status: g.status,
            targetDate: g.targetDate,
            latestRating: g.ratingValue === null ? null : { value: Number(g.ratingValue), date: g.ratingDate!, by: g.ratingBy! },
          })),
        }
      : null,
    nextMeeting: meeting
      ? { title: meeting.title, startsAt: new Date(meeting.startsAt).toISOString(), endsAt: new Date(meeting.endsAt).toISOString(), place: meeting.place, onlineUrl: meeting.onlineUrl }
      : null,
    openTasks: tasks
      .filter((t) => t.goalDomain === null || coversDomain(kinds, t.goalDomain) || t.assigneeUserId === actor.userId)
      .map((t) => {
        const goalHidden = t.goalDomain !== null && !coversDomain(kinds, t.goalDomain);
        return { id: t.id, ...presentTitle(t, goalHidden), due: t.due, origin: t.origin, assigneeName: t.assigneeName };
      }),
    openTasksHiddenByConsent: tasks.filter((t) => t.goalDomain !== null && !coversDomain(kinds, t.goalDomain) && t.assigneeUserId !== actor.userId).length,
    latestNotes: notes.map((n) => ({
      id: n.id,
      type: n.type,
      occurredAt: new Date(n.occurredAt).toISOString(),
      authorName: n.authorName,
      restricted: n.restricted,
      personIds: n.personIds,
      excerpt: excerptOf(n.text),
    })),
  };
}
