import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { MeetingStatus, ParticipantKind } from '../../../shared/meetings.js';
import type { Tx } from '../../db/client.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { viewerFactsColumnsSql } from '../families/families.access.js';
import { person } from '../families/families.table.js';
import { MEMBER_ORDER_FM_P } from '../families/persons.repository.js';
import { planGoal } from '../plans/plans.table.js';
import { meeting, meetingDecision, meetingParticipant } from './meetings.table.js';

export type MeetingRow = typeof meeting.$inferSelect;
export type ParticipantRow = typeof meetingParticipant.$inferSelect;
export type DecisionRow = typeof meetingDecision.$inferSelect;

/** A participant with the name and e-mail of the person or staff user behind it. */
export interface ParticipantView extends ParticipantRow {
  displayName: string;
  displayRelation: string | null;
  displayEmail: string | null;
}

export async function findMeeting(tx: Tx, municipalityId: string, id: string): Promise<MeetingRow | undefined> {
  const [row] = await tx
    .select()
    .from(meeting)
    .where(and(eq(meeting.municipalityId, municipalityId), eq(meeting.id, id)))
    .limit(1);
  return row;
}

export async function insertMeeting(tx: Tx, values: typeof meeting.$inferInsert): Promise<MeetingRow> {
  const [row] = await tx.insert(meeting).values(values).returning();
  return row!;
}

/**
 * Writes a change and bumps the version (the invitation's SEQUENCE). With `version`, only if nobody changed the
 * meeting since; undefined when someone did.
 */
export async function updateMeeting(
  tx: Tx,
  municipalityId: string,
  id: string,
  version: number | null,
  values: Partial<typeof meeting.$inferInsert>,
): Promise<MeetingRow | undefined> {
  const [row] = await tx
    .update(meeting)
    .set({ ...values, version: sql`${meeting.version} + 1` })
    .where(and(eq(meeting.municipalityId, municipalityId), eq(meeting.id, id), version === null ? sql`true` : eq(meeting.version, version)))
    .returning();
  return row;
}

/**
 * A family's meetings, latest first, with how many take part. The outer row is named in full ("meeting"."id"):
 * drizzle writes a column inside a selected field without its table, which the subquery would read as its own.
 */
export async function listFamilyMeetings(tx: Tx, municipalityId: string, familyId: string) {
  return tx
    .select({
      row: meeting,
      participantCount: sql<number>`(select count(*)::int from meeting_participant mp
        where mp.municipality_id = "meeting"."municipality_id" and mp.meeting_id = "meeting"."id")`,
    })
    .from(meeting)
    .where(and(eq(meeting.municipalityId, municipalityId), eq(meeting.familyId, familyId)))
    .orderBy(desc(meeting.startsAt), asc(meeting.id));
}

/** The meeting whose next meeting this one is, if any. */
export async function previousMeetingId(tx: Tx, municipalityId: string, id: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: meeting.id })
    .from(meeting)
    .where(and(eq(meeting.municipalityId, municipalityId), eq(meeting.nextMeetingId, id)))
    .limit(1);
  return row?.id ?? null;
}

export async function participantsOf(tx: Tx, municipalityId: string, meetingId: string): Promise<ParticipantView[]> {
  const rows = await tx
    .select({
      row: meetingParticipant,
      givenName: person.givenName,
      familyName: person.familyName,
      personEmail: person.email,
      userName: staffUser.name,
      userEmail: staffUser.email,
      departmentName: department.name,
    })
    .from(meetingParticipant)
    .leftJoin(person, and(eq(person.municipalityId, meetingParticipant.municipalityId), eq(person.id, meetingParticipant.personId)))
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, meetingParticipant.municipalityId), eq(staffUser.id, meetingParticipant.userId)))
    .leftJoin(department, and(eq(department.municipalityId, staffUser.municipalityId), eq(department.id, staffUser.departmentId)))
    .where(and(eq(meetingParticipant.municipalityId, municipalityId), eq(meetingParticipant.meetingId, meetingId)))
    .orderBy(
      sql`case ${meetingParticipant.kind} when 'member' then 0 when 'network' then 1 else 2 end`,
      sql`coalesce(${person.givenName}, ${staffUser.name}, ${meetingParticipant.name})`,
      asc(meetingParticipant.id),
    );
  return rows.map((r) => {
    const kind: ParticipantKind = r.row.kind;
    if (kind === 'member') {
      return { ...r.row, displayName: `${r.givenName ?? ''} ${r.familyName ?? ''}`.trim(), displayRelation: null, displayEmail: r.personEmail };
    }
    if (kind === 'staff') return { ...r.row, displayName: r.userName ?? '', displayRelation: r.departmentName, displayEmail: r.userEmail };
    return { ...r.row, displayName: r.row.name ?? '', displayRelation: r.row.relation, displayEmail: r.row.email };
  });
}

export async function insertParticipants(tx: Tx, values: Array<typeof meetingParticipant.$inferInsert>): Promise<void> {
  if (values.length > 0) await tx.insert(meetingParticipant).values(values);
}

export async function deleteParticipants(tx: Tx, municipalityId: string, meetingId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .delete(meetingParticipant)
    .where(and(eq(meetingParticipant.municipalityId, municipalityId), eq(meetingParticipant.meetingId, meetingId), inArray(meetingParticipant.id, ids)));
}

export async function updateNetworkEmail(tx: Tx, municipalityId: string, id: string, email: string | null): Promise<void> {
  await tx
    .update(meetingParticipant)
    .set({ email })
    .where(and(eq(meetingParticipant.municipalityId, municipalityId), eq(meetingParticipant.id, id)));
}

/** Records who came: the listed participants attended, everyone else of the meeting did not. */
export async function setAttendance(tx: Tx, municipalityId: string, meetingId: string, attendedIds: string[]): Promise<void> {
  await tx
    .update(meetingParticipant)
    .set({ attended: attendedIds.length > 0 ? inArray(meetingParticipant.id, attendedIds) : sql`false` })
    .where(and(eq(meetingParticipant.municipalityId, municipalityId), eq(meetingParticipant.meetingId, meetingId)));
}

export async function decisionsOf(tx: Tx, municipalityId: string, meetingId: string): Promise<DecisionRow[]> {
  return tx
    .select()
    .from(meetingDecision)
    .where(and(eq(meetingDecision.municipalityId, municipalityId), eq(meetingDecision.meetingId, meetingId)))
    .orderBy(asc(meetingDecision.createdAt), asc(meetingDecision.id));
}

export async function insertDecision(tx: Tx, values: typeof meetingDecision.$inferInsert): Promise<DecisionRow> {
  const [row] = await tx.insert(meetingDecision).values(values).returning();
  return row!;
}

/** Goals of the family's plan (not removed) among the given ids, with their titles. */
export async function familyGoals(tx: Tx, municipalityId: string, familyId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: planGoal.id, title: planGoal.title, planId: planGoal.planId, domain: planGoal.domain })
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.familyId, familyId), inArray(planGoal.id, ids), isNull(planGoal.removedAt)));
}

/** Titles of goals by id (removed ones too: an old agenda keeps its words). */
export async function goalTitles(tx: Tx, municipalityId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: planGoal.id, title: planGoal.title })
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, municipalityId), inArray(planGoal.id, ids)));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export interface MyMeetingRow {
  id: string;
  family_id: string;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  place: string | null;
  online_url: string | null;
  status: MeetingStatus;
  version: number;
  next_meeting_id: string | null;
  participant_count: number;
  as_participant: boolean;
  family_names: string[] | null;
  member_ids: string[] | null;
  /** What the family access policy needs (families.access.ts, familyFactsOf). */
  coordinator_user_id: string | null;
  coordinator_department_id: string | null;
  team_department_ids: string[];
  break_glass: boolean;
  any_consent: boolean;
  consent_department_ids: string[];
  [key: string]: unknown;
}

/**
 * "Mine møder": meetings not cancelled that end after `from` and start before `to`, where the user takes part
 * as staff or is the family's coordinator now. Soonest first.
 */
export async function listMyMeetings(
  tx: Tx,
  municipalityId: string,
  userId: string,
  window: { from: Date; to: Date | null },
  limit: number,
  access: { today: string; now: Date },
): Promise<MyMeetingRow[]> {
  const today = sql`${access.today}::date`;
  const res = await tx.execute<MyMeetingRow>(sql`
    select m.id, m.family_id, m.title, m.starts_at, m.ends_at, m.place, m.online_url, m.status, m.version, m.next_meeting_id,
           f.coordinator_user_id,
           ${viewerFactsColumnsSql({ userId: sql`${userId}`, today, now: sql`${access.now.toISOString()}::timestamptz` })},
           (select count(*)::int from meeting_participant mp where mp.municipality_id = m.municipality_id and mp.meeting_id = m.id) as participant_count,
           exists (select 1 from meeting_participant mp where mp.municipality_id = m.municipality_id and mp.meeting_id = m.id
                     and mp.kind = 'staff' and mp.user_id = ${userId}) as as_participant,
           (select array_agg(p.family_name order by ${MEMBER_ORDER_FM_P}) from family_member fm
              join person p on p.municipality_id = fm.municipality_id and p.id = fm.person_id
             where fm.municipality_id = m.municipality_id and fm.family_id = m.family_id) as family_names,
           (select array_agg(fm.person_id) from family_member fm where fm.municipality_id = m.municipality_id and fm.family_id = m.family_id) as member_ids
    from meeting m
    join family f on f.municipality_id = m.municipality_id and f.id = m.family_id
    left join staff_user cu on cu.municipality_id = f.municipality_id and cu.id = f.coordinator_user_id
    where m.municipality_id = ${municipalityId}
      and m.status <> 'cancelled'
      and m.ends_at >= ${window.from.toISOString()}::timestamptz
      ${window.to ? sql`and m.starts_at < ${window.to.toISOString()}::timestamptz` : sql``}
      and (f.coordinator_user_id = ${userId}
           or exists (select 1 from meeting_participant mp where mp.municipality_id = m.municipality_id and mp.meeting_id = m.id
                        and mp.kind = 'staff' and mp.user_id = ${userId}))
    order by m.starts_at, m.id
    limit ${limit}`);
  return res.rows;
}

/** Which of the given staff users exist and are active. */
export async function activeUserIds(tx: Tx, municipalityId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: staffUser.id })
    .from(staffUser)
    .where(and(eq(staffUser.municipalityId, municipalityId), inArray(staffUser.id, ids), eq(staffUser.active, true)));
  return new Set(rows.map((r) => r.id));
}

/** Local midnight in Denmark at the start of a calendar date, as an instant. */
export async function danishMidnight(tx: Tx, date: string): Promise<Date> {
  const res = await tx.execute<{ t: Date | string }>(sql`select (${date}::date)::timestamp at time zone 'Europe/Copenhagen' as t`);
  return new Date(res.rows[0]!.t);
}
