import { sql } from 'drizzle-orm';
import type { IsoDate } from '../../../shared/dates.js';
import type { Tx } from '../../db/client.js';

/**
 * The rows the deadline job raises tasks from, one municipality at a time (the caller's tenant transaction).
 * Each query returns candidates whose task does not exist yet, with the active staff user it goes to
 * (`assignee_user_id` null when there is nobody to give it to). Families that are closed (completed, declined,
 * withdrawn) raise nothing.
 */

/** The open statuses, as SQL (shared/families.ts OPEN_STATUSES). */
const OPEN = sql`('referred','assessing','active','paused')`;

/** The family's coordinator, if an active user. */
const coordinator = sql`(select c.id from staff_user c where c.municipality_id = f.municipality_id and c.id = f.coordinator_user_id and c.active)`;

export interface PlanReviewCandidate {
  version_id: string;
  number: number;
  family_id: string;
  next_review_date: IsoDate;
  assignee_user_id: string | null;
  [key: string]: unknown;
}

/** Current plan versions whose next review date is on or before `horizon`. */
export async function planReviewCandidates(tx: Tx, municipalityId: string, horizon: IsoDate): Promise<PlanReviewCandidate[]> {
  const res = await tx.execute<PlanReviewCandidate>(sql`
    select v.id as version_id, v.number, p.family_id, v.next_review_date::text as next_review_date, ${coordinator} as assignee_user_id
    from plan p
    join plan_version v on v.municipality_id = p.municipality_id and v.id = p.current_version_id
    join family f on f.municipality_id = p.municipality_id and f.id = p.family_id
    where p.municipality_id = ${municipalityId} and f.status in ${OPEN}
      and v.next_review_date <= ${horizon}::date
      and not exists (select 1 from task t where t.municipality_id = p.municipality_id and t.dedupe_key = 'plan_review:' || v.id::text)`);
  return res.rows;
}

export interface GoalRatingCandidate {
  goal_id: string;
  family_id: string;
  title: string;
  created_at: IsoDate;
  last_rating: IsoDate | null;
  assignee_user_id: string | null;
  [key: string]: unknown;
}

/**
 * Active goals of active families with no rating in the last `months` months (counted from the goal's
 * creation when never rated). PostgreSQL's month arithmetic clamps to the month's end like addMonths.
 */
export async function goalRatingCandidates(tx: Tx, municipalityId: string, months: number, today: IsoDate): Promise<GoalRatingCandidate[]> {
  const res = await tx.execute<GoalRatingCandidate>(sql`
    select * from (
      select g.id as goal_id, g.family_id, g.title, g.created_at::text as created_at,
             (select max(r.date) from goal_rating r where r.municipality_id = g.municipality_id and r.goal_id = g.id)::text as last_rating,
             ${coordinator} as assignee_user_id
      from plan_goal g
      join family f on f.municipality_id = g.municipality_id and f.id = g.family_id
      where g.municipality_id = ${municipalityId} and g.status = 'active' and g.removed_at is null and f.status = 'active'
    ) c
    where (coalesce(c.last_rating, c.created_at)::date + make_interval(months => ${months}::int))::date <= ${today}::date`);
  return res.rows;
}

export interface ConsentExpiryCandidate {
  consent_id: string;
  family_id: string;
  given_name: string;
  expires_at: IsoDate;
  assignee_user_id: string | null;
  [key: string]: unknown;
}

/**
 * Consents in force that expire from `today` to `horizon`, unless the person has already given a newer consent
 * to the family that runs longer (renewed).
 */
export async function consentExpiryCandidates(tx: Tx, municipalityId: string, today: IsoDate, horizon: IsoDate): Promise<ConsentExpiryCandidate[]> {
  const res = await tx.execute<ConsentExpiryCandidate>(sql`
    select k.id as consent_id, k.family_id, p.given_name, k.expires_at::text as expires_at, ${coordinator} as assignee_user_id
    from consent k
    join family f on f.municipality_id = k.municipality_id and f.id = k.family_id
    join person p on p.municipality_id = k.municipality_id and p.id = k.person_id
    where k.municipality_id = ${municipalityId} and f.status in ${OPEN}
      and k.withdrawn_at is null and k.expires_at between ${today}::date and ${horizon}::date
      and not exists (select 1 from consent n
                      where n.municipality_id = k.municipality_id and n.family_id = k.family_id and n.person_id = k.person_id
                        and n.id <> k.id and n.withdrawn_at is null and n.given_at >= k.given_at
                        and (n.expires_at is null or n.expires_at > k.expires_at))
      and not exists (select 1 from task t where t.municipality_id = k.municipality_id and t.dedupe_key = 'consent_expiry:' || k.id::text)`);
  return res.rows;
}

export interface MinutesCandidate {
  meeting_id: string;
  family_id: string;
  title: string;
  ends_at: Date | string;
  assignee_user_id: string | null;
  [key: string]: unknown;
}

/** The meeting's creator if an active user, else the family's coordinator. */
const meetingOwner = sql`coalesce(
  (select u.id from staff_user u where u.municipality_id = m.municipality_id and u.id = m.created_by and u.active),
  ${coordinator})`;

/** Meetings (not cancelled) that ended before `endedBefore` and still have no minutes. */
export async function minutesCandidates(tx: Tx, municipalityId: string, endedBefore: Date): Promise<MinutesCandidate[]> {
  const res = await tx.execute<MinutesCandidate>(sql`
    select m.id as meeting_id, m.family_id, m.title, m.ends_at, ${meetingOwner} as assignee_user_id
    from meeting m
    join family f on f.municipality_id = m.municipality_id and f.id = m.family_id
    where m.municipality_id = ${municipalityId} and f.status in ${OPEN}
      and m.status <> 'cancelled' and btrim(m.minutes) = '' and m.ends_at < ${endedBefore.toISOString()}::timestamptz
      and not exists (select 1 from task t where t.municipality_id = m.municipality_id and t.dedupe_key = 'meeting_follow_up:' || m.id::text)`);
  return res.rows;
}

export interface DecisionCandidate {
  decision_id: string;
  meeting_id: string;
  family_id: string;
  text: string;
  due: IsoDate;
  assignee_user_id: string | null;
  [key: string]: unknown;
}

/** Decisions with a due date on or before `horizon` that became neither a plan action nor a task: nobody owns them. */
export async function decisionCandidates(tx: Tx, municipalityId: string, horizon: IsoDate): Promise<DecisionCandidate[]> {
  const res = await tx.execute<DecisionCandidate>(sql`
    select d.id as decision_id, m.id as meeting_id, m.family_id, d.text, d.due::text as due, ${meetingOwner} as assignee_user_id
    from meeting_decision d
    join meeting m on m.municipality_id = d.municipality_id and m.id = d.meeting_id
    join family f on f.municipality_id = m.municipality_id and f.id = m.family_id
    where d.municipality_id = ${municipalityId} and f.status in ${OPEN} and m.status <> 'cancelled'
      and d.due is not null and d.action_id is null and d.task_id is null and d.due <= ${horizon}::date
      and not exists (select 1 from task t where t.municipality_id = d.municipality_id and t.dedupe_key = 'meeting_decision:' || d.id::text)`);
  return res.rows;
}

/**
 * Closes (as done) the open tasks the job raised whose deadline has since been met: a newer plan version was
 * published; the goal was rated after the period began, or is no longer active; the consent was renewed or
 * withdrawn; the meeting's minutes were written or it was cancelled; the decision became an action or a task.
 * Returns the origins of the tasks closed. Tasks someone created by hand are never touched.
 */
export async function closeMetDeadlines(tx: Tx, municipalityId: string, now: Date): Promise<string[]> {
  const res = await tx.execute<{ origin: string }>(sql`
    update task t set status = 'done', completed_at = ${now.toISOString()}::timestamptz
    where t.municipality_id = ${municipalityId} and t.status = 'open' and t.dedupe_key is not null
      and (
        (t.origin = 'plan_review' and not exists (
          select 1 from plan p where p.municipality_id = t.municipality_id
            and p.current_version_id::text = split_part(t.dedupe_key, ':', 2)))
        or (t.origin = 'goal_rating' and exists (
          select 1 from plan_goal g where g.municipality_id = t.municipality_id and g.id = t.goal_id
            and (g.removed_at is not null or g.status <> 'active'
                 or exists (select 1 from goal_rating r where r.municipality_id = g.municipality_id and r.goal_id = g.id
                              and r.date > split_part(t.dedupe_key, ':', 3)::date))))
        or (t.origin = 'consent_expiry' and exists (
          select 1 from consent k where k.municipality_id = t.municipality_id
            and k.id::text = split_part(t.dedupe_key, ':', 2)
            and (k.withdrawn_at is not null
                 or exists (select 1 from consent n
                            where n.municipality_id = k.municipality_id and n.family_id = k.family_id and n.person_id = k.person_id
                              and n.id <> k.id and n.withdrawn_at is null and n.given_at >= k.given_at
                              and (n.expires_at is null or n.expires_at > k.expires_at)))))
        or (t.origin = 'meeting_follow_up' and t.dedupe_key like 'meeting_follow_up:%' and exists (
          select 1 from meeting m where m.municipality_id = t.municipality_id and m.id = t.meeting_id
            and (btrim(m.minutes) <> '' or m.status = 'cancelled')))
        or (t.origin = 'meeting_follow_up' and t.dedupe_key like 'meeting_decision:%' and exists (
          select 1 from meeting_decision d where d.municipality_id = t.municipality_id
            and d.id::text = split_part(t.dedupe_key, ':', 2)
            and (d.action_id is not null or d.task_id is not null)))
      )
    returning t.origin`);
  return res.rows.map((r) => r.origin);
}
