import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { sortedByDanishName } from '../../../shared/danish-order.js';
import { todayInDenmark } from '../../../shared/dates.js';
import { FAMILY_STATUSES, familySurnames, type CaseloadQuery, type DeadlineKind, type FamilyStatus } from '../../../shared/families.js';
import { hasAnyRole } from '../../../shared/roles.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { findUser } from '../admin/users.repository.js';
import { visibleNotesSql } from '../journal/journal.repository.js';
import { MEMBER_ORDER_FM_P } from './persons.repository.js';
import { cachedStatement } from '../../db/prepared.js';

interface CaseloadRow {
  id: string;
  status: FamilyStatus;
  version: number;
  names: string[] | null;
  given_names: string[] | null;
  person_ids: string[] | null;
  member_count: number;
  next_deadline: string | null;
  next_deadline_kind: DeadlineKind | null;
  last_contact: Date | string | null;
  enrolled_at: string | null;
  [key: string]: unknown;
}

interface CaseloadValues {
  m: string;
  coordinatorId: string;
  today: string;
  now: string;
  /** The viewer, for the notes they may see: the coordinator, or a manager of the unit. */
  relation: 'coordinator' | 'manager';
  userId: string;
  departmentId: string | null;
  /** One status, or null for the open ones. */
  status: string | null;
  /** An ILIKE pattern on the members' family names, or null. */
  like: string | null;
  [key: string]: unknown;
}

/**
 * The caseload's one statement, built once and named (db/prepared.ts), so PostgreSQL does not plan its subqueries
 * again at every request; the filters are parameters and the order is made below.
 *
 * - The next deadline is the earliest of the family's open tasks (overdue ones too: those raised by the deadline job
 *   among them), the current plan version's next review, and a consent in force running out. Its kind says which.
 * - The last contact is the latest journal note of a contact (any type but "andet") that has happened, or held network
 *   meeting. Notes count by the journal's own rule (visibleNotesSql), so a manager is not told of a restricted note
 *   they may not read.
 */
const caseloadStatement = cachedStatement<CaseloadValues, CaseloadRow>(
  () => sql`
    select * from (
      select f.id, f.status, f.version, f.enrolled_at::text, lc.last_contact,
             mb.names, mb.given_names, mb.person_ids, coalesce(mb.member_count, 0) as member_count, dl.next_deadline, dl.next_deadline_kind
      from family f
      left join lateral (
        select array_agg(p.family_name order by ${MEMBER_ORDER_FM_P}) as names,
               array_agg(p.given_name order by ${MEMBER_ORDER_FM_P}) as given_names, array_agg(fm.person_id) as person_ids,
               count(*)::int as member_count
        from family_member fm join person p on p.municipality_id = fm.municipality_id and p.id = fm.person_id
        where fm.municipality_id = f.municipality_id and fm.family_id = f.id) mb on true
      left join lateral (
        select d.due::text as next_deadline, d.kind as next_deadline_kind from (
          select t.due, 'task' as kind, 1 as rank from task t
          where t.municipality_id = f.municipality_id and t.family_id = f.id and t.status = 'open'
          union all
          select v.next_review_date, 'plan_review', 2 from plan pl
          join plan_version v on v.municipality_id = pl.municipality_id and v.id = pl.current_version_id
          where pl.municipality_id = f.municipality_id and pl.family_id = f.id
          union all
          select k.expires_at, 'consent_expiry', 3 from consent k
          where k.municipality_id = f.municipality_id and k.family_id = f.id and k.withdrawn_at is null
            and k.expires_at >= ${sql.placeholder('today')}::date) d
        order by d.due, d.rank
        limit 1) dl on true
      left join lateral (
        select greatest(
          (select max(journal_note.occurred_at) from journal_note
           where journal_note.municipality_id = f.municipality_id and journal_note.family_id = f.id
             and journal_note.type <> 'andet' and journal_note.occurred_at <= ${sql.placeholder('now')}::timestamptz
             and ${visibleNotesSql({ relation: sql.placeholder('relation'), userId: sql.placeholder('userId'), departmentId: sql.placeholder('departmentId') })}),
          (select max(mt.starts_at) from meeting mt
           where mt.municipality_id = f.municipality_id and mt.family_id = f.id and mt.status = 'held'
             and mt.starts_at <= ${sql.placeholder('now')}::timestamptz)) as last_contact) lc on true
      where f.municipality_id = ${sql.placeholder('m')} and f.coordinator_user_id = ${sql.placeholder('coordinatorId')}::uuid
        and case when ${sql.placeholder('status')}::text is null then f.status in ('referred', 'assessing', 'active', 'paused')
                 else f.status = ${sql.placeholder('status')}::text end
    ) c
    where ${sql.placeholder('like')}::text is null
       or exists (select 1 from unnest(c.names || c.given_names) n where n ilike ${sql.placeholder('like')}::text)
    order by c.id
    limit 1000`,
);

type CaseloadFamily = ReturnType<typeof toCaseloadFamily>;

function toCaseloadFamily(r: CaseloadRow, today: string) {
  return {
    id: r.id,
    familyNames: familySurnames(r.names ?? []),
    givenNames: r.given_names ?? [],
    status: r.status,
    version: Number(r.version),
    memberCount: Number(r.member_count),
    enrolledAt: r.enrolled_at,
    nextDeadline: r.next_deadline ? { date: r.next_deadline, kind: r.next_deadline_kind!, overdue: r.next_deadline < today } : null,
    lastContact: r.last_contact === null ? null : new Date(r.last_contact).toISOString(),
  };
}

/**
 * The list in the order asked for: family names in Danish alphabetical order (the database's collation may not know
 * Danish: PGlite's is C), status in the lifecycle's order, dates with the families that have none last either way;
 * ties by id, so the order is stable.
 */
export function sortCaseload(families: CaseloadFamily[], sort: z.infer<typeof CaseloadQuery>['sort'], dir: 'asc' | 'desc'): CaseloadFamily[] {
  if (sort === 'name') return sortedByDanishName(families, (f) => f.familyNames[0] ?? '', dir);
  const key = (f: CaseloadFamily): string | number | null =>
    sort === 'status' ? FAMILY_STATUSES.indexOf(f.status) : sort === 'nextDeadline' ? (f.nextDeadline?.date ?? null) : f.lastContact;
  const sign = dir === 'desc' ? -1 : 1;
  return [...families].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? (a.id < b.id ? -1 : 1) : ka === null ? 1 : -1;
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return a.id < b.id ? -1 : 1;
  });
}

/**
 * Min sagsstamme: a coordinator's families with status, members, next deadline and last contact (caseloadStatement).
 * A manager may look at a coordinator of their own unit. The list is a search: its criteria and the persons shown
 * are audited.
 */
export async function listCaseload(ctx: Ctx, q: z.infer<typeof CaseloadQuery>) {
  await requireRole(ctx, ['coordinator', 'manager'], 'caseload.read');
  const actor = actorOf(ctx);
  let coordinatorId = actor.userId;
  if (q.coordinatorId && q.coordinatorId !== actor.userId) {
    const other = await findUser(ctx.tx, ctx.municipalityId, q.coordinatorId);
    const sameUnit = other && actor.departmentId !== null && other.departmentId === actor.departmentId;
    if (!hasAnyRole(actor.roles, ['manager']) || !sameUnit) {
      await audit(ctx, { action: 'access.denied', outcome: 'denied', details: { attempted: 'caseload.read', coordinatorId: q.coordinatorId } });
      throw new AppError('forbidden').keepingWrites();
    }
    coordinatorId = q.coordinatorId;
  }
  const today = todayInDenmark(ctx.now);
  const { rows } = await caseloadStatement(ctx.tx, {
    m: ctx.municipalityId,
    coordinatorId,
    today,
    now: ctx.now.toISOString(),
    relation: coordinatorId === actor.userId ? 'coordinator' : 'manager',
    userId: actor.userId,
    departmentId: actor.departmentId,
    status: q.status ?? null,
    like: q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
  });
  await audit(ctx, {
    action: 'caseload.read',
    personIds: rows.flatMap((r) => r.person_ids ?? []),
    details: { criteria: { status: q.status, q: q.q, sort: q.sort, dir: q.dir, coordinatorId }, rows: rows.length },
  });
  return sortCaseload(rows.map((r) => toCaseloadFamily(r, today)), q.sort, q.dir);
}

interface DistributionRow {
  user_id: string;
  name: string;
  department_id: string | null;
  open: number;
  active: number;
  assessing: number;
  paused: number;
  referred: number;
  overdue_tasks: number;
  overdue_reviews: number;
  [key: string]: unknown;
}

/**
 * For managers: how many families each coordinator of their unit carries, by status, and the deadlines they have let
 * pass: their own open tasks past due, and their active or paused families whose plan in force is past its next
 * review. Counts only: no case content.
 */
export async function caseloadDistribution(ctx: Ctx) {
  await requireRole(ctx, ['manager'], 'caseload.distribution');
  const actor = actorOf(ctx);
  const today = todayInDenmark(ctx.now);
  const res = await ctx.tx.execute<DistributionRow>(sql`
    select u.id as user_id, u.name, u.department_id,
           count(f.id) filter (where f.status in ('referred','assessing','active','paused'))::int as open,
           count(f.id) filter (where f.status = 'active')::int as active,
           count(f.id) filter (where f.status = 'assessing')::int as assessing,
           count(f.id) filter (where f.status = 'paused')::int as paused,
           count(f.id) filter (where f.status = 'referred')::int as referred,
           (select count(*) from task t
            where t.municipality_id = ${ctx.municipalityId} and t.assignee_user_id = u.id and t.status = 'open'
              and t.due < ${today}::date)::int as overdue_tasks,
           (select count(*) from family rf
            join plan pl on pl.municipality_id = rf.municipality_id and pl.family_id = rf.id
            join plan_version v on v.municipality_id = pl.municipality_id and v.id = pl.current_version_id
            where rf.municipality_id = ${ctx.municipalityId} and rf.coordinator_user_id = u.id
              and rf.status in ('active', 'paused') and v.next_review_date < ${today}::date)::int as overdue_reviews
    from staff_user u
    left join family f on f.municipality_id = u.municipality_id and f.coordinator_user_id = u.id
    where u.municipality_id = ${ctx.municipalityId} and u.active and 'coordinator' = any(u.roles)
      and ${actor.departmentId ? sql`u.department_id = ${actor.departmentId}` : sql`false`}
    group by u.id, u.name, u.department_id
    order by open desc, u.name, u.id`);
  await audit(ctx, { action: 'caseload.distribution_read', details: { coordinators: res.rows.length } });
  // Most open families first; equal counts in Danish alphabetical order of the name.
  const rows = sortedByDanishName(res.rows, (r) => r.name).sort((a, b) => b.open - a.open);
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    open: r.open,
    byStatus: { referred: r.referred, assessing: r.assessing, active: r.active, paused: r.paused },
    overdue: { tasks: r.overdue_tasks, planReviews: r.overdue_reviews },
  }));
}
