import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, type IsoDate } from '../../shared/dates.js';
import { AddTeamMemberBody, CONSENT_KINDS, RecordConsentBody, SetCustodyBody } from '../../shared/families.js';
import { NoteBody } from '../../shared/journal.js';
import { MeetingBody } from '../../shared/meetings.js';
import { PublishBody, SignOffBody } from '../../shared/plans.js';
import type { Role } from '../../shared/roles.js';
import type { Actor, Ctx } from '../../server/context.js';
import type { Database } from '../../server/db/client.js';
import { inTenant } from '../../server/db/tenant.js';
import { setCustody } from '../../server/modules/families/families.service.js';
import { addTeamMember } from '../../server/modules/families/team.service.js';
import { membersOf } from '../../server/modules/families/persons.repository.js';
import { recordConsent } from '../../server/modules/families/lifecycle.service.js';
import { createNote } from '../../server/modules/journal/journal.service.js';
import { scheduleMeeting } from '../../server/modules/meetings/meetings.service.js';
import { signOffVersion, publishPlan } from '../../server/modules/plans/plan-versions.service.js';
import { getPlan } from '../../server/modules/plans/plans.service.js';

/**
 * The daily work a demo family would have, which helhed-exchange does not carry: custody of the children, the
 * parents' consent, the imported goals published as the plan and signed off, a network meeting ahead and a journal
 * note. Written through the same services (and audit) as the pages use, as the family's coordinator, so what the demo
 * shows is what Helhed itself would have stored.
 *
 * Which families: active and paused ones, at most PER_COORDINATOR of each coordinator and MAX_FAMILIES in all.
 * A family that already has a consent is left alone, so a second `helhed demo` changes nothing.
 *
 * The demo professional (when given) joins the team of the first TEAM_FAMILIES of them, from the day the consent
 * was given, and is invited to their network meetings: so Mine familier and Mine møder have something to show.
 */
export const PER_COORDINATOR = 15;
/** And at most this many in all, the first coordinators' (koordinator1, 2, …) first: the large demo has about 150. */
export const MAX_FAMILIES = 300;
/** How many of the demo families the demo professional is on the team of. */
export const TEAM_FAMILIES = 6;

/** A professional who joins the first demo families' teams. */
export interface DemoTeamMember {
  userId: string;
  departmentId: string;
  role: string;
}

export interface DemoWorkCounts {
  families: number;
  custodies: number;
  consents: number;
  plansPublished: number;
  meetings: number;
  notes: number;
  teamMemberships: number;
}

interface FamilyRow {
  id: string;
  coordinator_user_id: string;
  coordinator_name: string;
  coordinator_roles: Role[];
  coordinator_department_id: string | null;
  enrolled_at: string | null;
  /** 1, 2, … among the coordinator's demo families: spreads their meetings. */
  n: number;
  [key: string]: unknown;
}

/** A full hour on `day` in Danish time, with the offset that day has (winter or summer time). */
function meetingTime(day: IsoDate, hour: number): string {
  const probe = new Date(`${day}T12:00:00Z`);
  const offsetH = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', timeZoneName: 'shortOffset' }).formatToParts(probe).find((p) => p.type === 'timeZoneName')?.value.replace('GMT', '') || 0);
  return `${day}T${String(hour).padStart(2, '0')}:00:00+0${offsetH}:00`;
}

/** Days no one holds a network meeting on. */
const CLOSED_DAYS = ['12-24', '12-25', '12-26', '12-31', '01-01'];

/** The first weekday, not a closed day, at least `days` after today. */
function weekdayAfter(today: IsoDate, days: number): IsoDate {
  let d = addDays(today, days);
  while ([0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()) || CLOSED_DAYS.includes(d.slice(5))) d = addDays(d, 1);
  return d;
}

export async function addDemoWork(
  database: Database,
  municipalityId: string,
  today: IsoDate,
  onProgress: (done: number, total: number) => void = () => undefined,
  requestId = `cli-demo-${randomUUID()}`,
  teamMember: DemoTeamMember | null = null,
): Promise<DemoWorkCounts> {
  const counts: DemoWorkCounts = { families: 0, custodies: 0, consents: 0, plansPublished: 0, meetings: 0, notes: 0, teamMemberships: 0 };
  const families = await inTenant(database.db, municipalityId, async (tx) =>
    (
      await tx.execute<FamilyRow>(sql`
        select x.id, x.coordinator_user_id, u.name as coordinator_name, u.roles as coordinator_roles,
               u.department_id as coordinator_department_id, x.enrolled_at::text as enrolled_at, x.n::int as n from (
          select f.*, row_number() over (partition by f.coordinator_user_id order by f.id) as n
          from family f
          where f.municipality_id = ${municipalityId} and f.status in ('active', 'paused') and f.coordinator_user_id is not null
            and not exists (select 1 from consent k where k.municipality_id = f.municipality_id and k.family_id = f.id)
        ) x
        join staff_user u on u.municipality_id = x.municipality_id and u.id = x.coordinator_user_id
        where x.n <= ${PER_COORDINATOR}
        order by length(u.email), u.email, x.n
        limit ${MAX_FAMILIES}`)
    ).rows,
  );
  const departments = await inTenant(database.db, municipalityId, async (tx) =>
    (await tx.execute<{ id: string }>(sql`select id from department where municipality_id = ${municipalityId} order by code`)).rows.map((r) => r.id),
  );
  if (families.length > 0) onProgress(0, families.length);
  for (const [i, f] of families.entries()) {
    await inTenant(database.db, municipalityId, async (tx) => {
      const actor: Actor = { userId: f.coordinator_user_id, name: f.coordinator_name, roles: f.coordinator_roles, departmentId: f.coordinator_department_id };
      const ctx: Ctx = { tx, municipalityId, actor, requestId, lang: 'da', now: new Date() };
      await oneFamily(ctx, f, i, departments, today, counts, i < TEAM_FAMILIES ? teamMember : null);
    });
    counts.families += 1;
    onProgress(counts.families, families.length);
  }
  return counts;
}

async function familyVersion(ctx: Ctx, familyId: string): Promise<number> {
  return (await ctx.tx.execute<{ version: number }>(sql`select version from family where municipality_id = ${ctx.municipalityId} and id = ${familyId}`)).rows[0]!.version;
}

async function oneFamily(
  ctx: Ctx,
  f: FamilyRow,
  i: number,
  departments: string[],
  today: IsoDate,
  counts: DemoWorkCounts,
  teamMember: DemoTeamMember | null,
): Promise<void> {
  const members = await membersOf(ctx.tx, ctx.municipalityId, f.id);
  const givenAt = f.enrolled_at && f.enrolled_at <= today ? (f.enrolled_at as IsoDate) : today;
  const parents = members.filter((m) => m.member.role === 'parent').map((m) => m.person);
  const children = members.filter((m) => m.member.role === 'child').map((m) => m.person);
  if (parents.length > 0) {
    for (const child of children) {
      await setCustody(ctx, f.id, child.id, SetCustodyBody.parse({ holderIds: parents.map((p) => p.id), version: await familyVersion(ctx, f.id) }));
      counts.custodies += 1;
    }
    for (const p of parents) {
      await recordConsent(ctx, f.id, RecordConsentBody.parse({
        personId: p.id,
        scope: { departmentIds: departments, kinds: [...CONSENT_KINDS] },
        givenAt,
        // In force today; every fifth family's ends within a month, so the deadline job has a renewal to raise.
        expiresAt: addDays(today, i % 5 === 4 ? 20 : 365 + 7 * (i % 20)),
        howGiven: 'written',
        version: await familyVersion(ctx, f.id),
      }));
      counts.consents += 1;
    }
  }

  if (teamMember) {
    await addTeamMember(ctx, f.id, AddTeamMemberBody.parse({ ...teamMember, from: givenAt, version: await familyVersion(ctx, f.id) }));
    counts.teamMemberships += 1;
  }

  const plan = await getPlan(ctx, f.id);
  let goalIds: string[] = [];
  if (plan.goals.length > 0 && plan.unpublishedChanges) {
    const published = await publishPlan(ctx, f.id, PublishBody.parse({
      nextReviewDate: addDays(today, 90),
      note: 'Planen er gennemgået med familien.',
      draftVersion: plan.draftVersion,
    }));
    counts.plansPublished += 1;
    goalIds = published.goals.slice(0, 3).map((g) => g.id);
    if (parents[0] && published.current) {
      await signOffVersion(ctx, f.id, published.current.id, SignOffBody.parse({ personId: parents[0].id, signedAt: today, how: 'in_person' }));
    }
  }

  // A coordinator's meetings every other weekday from next week, at 9, 11 or 13: never two at once.
  const day = weekdayAfter(today, 5 + 2 * f.n);
  const hour = 9 + 2 * (f.n % 3);
  await scheduleMeeting(ctx, f.id, MeetingBody.parse({
    title: 'Netværksmøde',
    startsAt: meetingTime(day, hour),
    endsAt: meetingTime(day, hour + 1),
    place: 'Familiens hjem',
    agendaGoalIds: goalIds,
    agendaText: 'Hvordan går det siden sidst? Mål og næste skridt.',
    participants: [
      ...parents.map((p) => ({ kind: 'member' as const, personId: p.id })),
      { kind: 'staff' as const, userId: ctx.actor!.userId },
      ...(teamMember ? [{ kind: 'staff' as const, userId: teamMember.userId }] : []),
      ...(i % 3 === 0 ? [{ kind: 'network' as const, name: 'Mormor', relation: 'mormor' }] : []),
    ],
  }));
  counts.meetings += 1;

  await createNote(ctx, f.id, NoteBody.parse({
    type: i % 2 === 0 ? 'hjemmebesoeg' : 'samtale',
    // Two days ago in working hours (a home visit at the hour the demo was loaded could be at midnight).
    occurredAt: new Date(meetingTime(addDays(today, -2), 10 + (i % 4))).toISOString(),
    text:
      parents.length > 0
        ? `Talte med ${parents.map((p) => p.givenName).join(' og ')} om planen og om, hvordan hverdagen går. Familien vil gerne fortsætte med de aftalte skridt.`
        : 'Talte med familien om planen og om, hvordan hverdagen går.',
    personIds: parents.map((p) => p.id),
    goalIds: goalIds.slice(0, 1),
    restricted: false,
  }));
  counts.notes += 1;
}
