import { sql } from 'drizzle-orm';
import { familySurnames, type ChangeCause, type ConsentScope, type FamilyRelation, type FamilyStatus, type HowGiven, type MemberRole } from '../../../shared/families.js';
import { actorOf } from '../../auth/policy.js';
import { maskCpr } from '../../../shared/cpr.js';
import { daysBetween, todayInDenmark } from '../../../shared/dates.js';
import { audit } from '../../audit/audit.js';
import type { Ctx } from '../../context.js';
import { seesIntervention } from '../../../shared/consent-kinds.js';
import { summarise, type InterventionFacts } from '../interventions/interventions.presenter.js';
import { requireFamily } from './families.access.js';
import { familyCan } from './families.policy.js';
import { consentInForce, missingConsents } from './lifecycle.service.js';
import { familyWork, familyWorkColumns, noteVisibleToViewerSql, type FamilyWorkRow } from './overview-work.js';
import { cachedStatement } from '../../db/prepared.js';
import { MEMBER_ORDER_FM_P } from './persons.repository.js';

/** Whole years between two dates. */
function age(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A timestamptz as PostgreSQL writes it in JSON (microseconds, an offset), as the ISO instant Date gives (milliseconds, Z). */
export function isoInstant(pgJson: string): string {
  return new Date(pgJson).toISOString();
}

interface OverviewLists {
  custodies: { childPersonId: string; holderPersonId: string }[];
  consents: { id: string; personId: string; scope: ConsentScope; givenAt: string; expiresAt: string | null; withdrawnAt: string | null; howGiven: HowGiven }[];
  statusRows: { fromStatus: FamilyStatus | null; toStatus: FamilyStatus; date: string; reason: string | null; cause: ChangeCause | null; byName: string | null; at: string }[];
  coordinatorRows: { userId: string; name: string; email: string; departmentName: string | null; from: string; to: string | null; reason: string | null; cause: ChangeCause | null }[];
  teamRows: { id: string; userId: string; name: string; email: string; departmentId: string; departmentName: string; role: string; from: string; to: string | null }[];
  activity: { action: string; occurredAt: string; actorName: string | null }[];
  /** As membersOf gives them (the person's fields the overview shows), parents first, then others, then children. */
  members: {
    member: { role: MemberRole };
    person: {
      id: string; cpr: string | null; givenName: string; familyName: string; birthDate: string; sex: 'female' | 'male' | 'unknown'; preferredLanguage: string | null;
      interpreterNeeded: boolean; phone: string | null; email: string | null; address: string | null; protectedAddress: boolean;
    };
  }[];
  /** As listFamilyInterventions gives them, oldest start first. */
  interventions: InterventionFacts[];
  [key: string]: unknown;
}

interface OverviewValues {
  m: string;
  familyId: string;
  now: string;
  /** The viewer, for the notes they may see. */
  userId: string;
  departmentId: string | null;
  relation: FamilyRelation;
  [key: string]: unknown;
}

/**
 * The family's ten latest events that the overview shows as recent activity, newest first, as one JSON array
 * (placeholders m, familyId, userId, departmentId and relation). An event belongs to the family through the stored column
 * `family_ref`: changes to the family itself, and to its consents, notes, meetings, tasks and persons (migration 0020).
 * The condition is the stored column `activity` with its partial index, so the look-up never walks past the family's
 * reads, however often it has been opened. An event of a note the viewer may not see (a restricted note, by the journal's
 * own rule, noteVisibleToViewerSql) is left out, so the list does not tell that such a note exists.
 */
export const recentActivitySql = () => sql`
        select coalesce(json_agg(json_build_object('action', x.action, 'occurredAt', x.occurred_at, 'actorName', x.name) order by x.seq desc), '[]')
           from (select ev.action, ev.occurred_at, ev.seq, u.name
                 from audit_event ev
                 left join staff_user u on u.municipality_id = ev.municipality_id and u.id = ev.actor_user_id
                 where ev.municipality_id = ${sql.placeholder('m')} and ev.family_ref = ${sql.placeholder('familyId')} and ev.activity
                   and case when ev.target_type = 'journal_note'
                            then exists (select 1 from journal_note
                                         where journal_note.municipality_id = ev.municipality_id and journal_note.id = ev.target_id::uuid
                                           and ${noteVisibleToViewerSql()})
                            else true end
                 order by ev.seq desc
                 limit 10) x`;

/**
 * What the overview reads after the access check, in one statement (one round trip instead of twelve): members,
 * interventions, custody, consents, status history, coordinators, team and recent activity, each aggregated to JSON
 * in its order, and the plan, next meeting, open tasks and latest notes (overview-work.ts). Built once, a named statement
 * (db/prepared.ts).
 */
const overviewStatement = cachedStatement<OverviewValues, OverviewLists & FamilyWorkRow>(
  () => sql`
      select
        ${familyWorkColumns()},
        (select coalesce(json_agg(json_build_object(
                   'member', json_build_object('role', fm.role),
                   'person', json_build_object('id', p.id, 'cpr', p.cpr, 'givenName', p.given_name, 'familyName', p.family_name, 'birthDate', p.birth_date,
                                               'sex', p.sex, 'preferredLanguage', p.preferred_language, 'interpreterNeeded', p.interpreter_needed,
                                               'phone', p.phone, 'email', p.email, 'address', p.address, 'protectedAddress', p.protected_address))
                 order by ${MEMBER_ORDER_FM_P}), '[]')
           from family_member fm
           join person p on p.municipality_id = fm.municipality_id and p.id = fm.person_id
           where fm.municipality_id = ${sql.placeholder('m')} and fm.family_id = ${sql.placeholder('familyId')}) as "members",
        (select coalesce(json_agg(json_build_object(
                   'id', i.id, 'familyId', i.family_id, 'personId', i.person_id, 'typeId', i.type_id, 'typeName', t.name, 'category', t.category,
                   'departmentId', i.department_id, 'departmentName', d.name, 'legalBasis', t.legal_basis, 'provider', i.provider,
                   'from', i."from", 'to', i."to", 'priceAmount', i.price_amount, 'pricePer', i.price_per, 'hoursPerWeek', i.hours_per_week,
                   'note', i.note, 'version', i.version)
                 order by i."from", i.id), '[]')
           from intervention i
           join intervention_type t on t.municipality_id = i.municipality_id and t.id = i.type_id
           join department d on d.municipality_id = i.municipality_id and d.id = i.department_id
           where i.municipality_id = ${sql.placeholder('m')} and i.family_id = ${sql.placeholder('familyId')}) as "interventions",
        (select coalesce(json_agg(json_build_object('childPersonId', c.child_person_id, 'holderPersonId', c.holder_person_id)), '[]')
           from custody c where c.municipality_id = ${sql.placeholder('m')} and c.family_id = ${sql.placeholder('familyId')}) as "custodies",
        (select coalesce(json_agg(json_build_object('id', k.id, 'personId', k.person_id, 'scope', k.scope, 'givenAt', k.given_at, 'expiresAt', k.expires_at,
                                                    'withdrawnAt', k.withdrawn_at, 'howGiven', k.how_given) order by k.given_at), '[]')
           from consent k where k.municipality_id = ${sql.placeholder('m')} and k.family_id = ${sql.placeholder('familyId')}) as "consents",
        (select coalesce(json_agg(json_build_object('fromStatus', e.from_status, 'toStatus', e.to_status, 'date', e.date, 'reason', e.reason, 'cause', e.cause,
                                                    'byName', u.name, 'at', e.at) order by e.at desc), '[]')
           from family_status_event e
           left join staff_user u on u.municipality_id = e.municipality_id and u.id = e.by_user_id
           where e.municipality_id = ${sql.placeholder('m')} and e.family_id = ${sql.placeholder('familyId')}) as "statusRows",
        (select coalesce(json_agg(json_build_object('userId', a.user_id, 'name', u.name, 'email', u.email, 'departmentName', d.name,
                                                    'from', a."from", 'to', a."to", 'reason', a.reason, 'cause', a.cause) order by a.at desc), '[]')
           from coordinator_assignment a
           join staff_user u on u.municipality_id = a.municipality_id and u.id = a.user_id
           left join department d on d.municipality_id = u.municipality_id and d.id = u.department_id
           where a.municipality_id = ${sql.placeholder('m')} and a.family_id = ${sql.placeholder('familyId')}) as "coordinatorRows",
        (select coalesce(json_agg(json_build_object('id', t.id, 'userId', t.user_id, 'name', u.name, 'email', u.email, 'departmentId', t.department_id,
                                                    'departmentName', d.name, 'role', t.role, 'from', t."from", 'to', t."to") order by t."from"), '[]')
           from team_member t
           join staff_user u on u.municipality_id = t.municipality_id and u.id = t.user_id
           join department d on d.municipality_id = t.municipality_id and d.id = t.department_id
           where t.municipality_id = ${sql.placeholder('m')} and t.family_id = ${sql.placeholder('familyId')}) as "teamRows",
        (${recentActivitySql()}) as "activity"`,
);

async function readOverview(ctx: Ctx, familyId: string, relation: FamilyRelation): Promise<OverviewLists & FamilyWorkRow> {
  const actor = actorOf(ctx);
  const res = await overviewStatement(ctx.tx, {
    m: ctx.municipalityId,
    familyId,
    now: ctx.now.toISOString(),
    userId: actor.userId,
    departmentId: actor.departmentId,
    relation,
  });
  return res.rows[0]!;
}

/** The family overview: the single page a coordinator lives on. Audited as a read naming every member. */
export async function getFamilyOverview(ctx: Ctx, familyId: string) {
  const { family: f, relation, kinds } = await requireFamily(ctx, familyId, 'read');
  const today = todayInDenmark(ctx.now);
  const lists = await readOverview(ctx, familyId, relation);
  const { members, custodies, consents, statusRows, coordinatorRows, teamRows, activity } = lists;
  const interventions = summarise(lists.interventions, today, (i) => seesIntervention(kinds, ctx.actor?.departmentId ?? null, i));
  const work = familyWork(ctx, kinds, lists);
  const blockers = f.status === 'assessing' || f.status === 'paused' ? await missingConsents(ctx, familyId, today) : null;
  const personIds = members.map((x) => x.person.id);
  await audit(ctx, { action: 'family.read', targetType: 'family', targetId: familyId, personIds, details: { relation, notesShown: work.latestNotes.map((n) => n.id), goalsShown: work.plan?.goals.map((g) => g.id) ?? [], goalsHiddenByConsent: work.plan?.hiddenByConsent ?? 0, tasksShown: work.openTasks.map((t) => t.id), tasksHiddenByConsent: work.openTasksHiddenByConsent, interventionsHiddenByConsent: interventions.hiddenByConsent } });
  const current = coordinatorRows.find((c) => c.to === null && c.userId === f.coordinatorUserId);
  return {
    data: {
      id: f.id,
      familyNames: familySurnames(members.map((x) => x.person.familyName)),
      status: f.status,
      version: f.version,
      referredAt: f.referredAt,
      enrolledAt: f.enrolledAt,
      completedAt: f.completedAt,
      withdrawnAt: f.withdrawnAt,
      completionReason: f.completionReason,
      relation,
      members: members.map(({ member, person: p }) => ({
        personId: p.id,
        role: member.role,
        givenName: p.givenName,
        familyName: p.familyName,
        birthDate: p.birthDate,
        age: age(p.birthDate, today),
        sex: p.sex,
        cprMasked: p.cpr ? maskCpr(p.cpr) : null,
        preferredLanguage: p.preferredLanguage,
        interpreterNeeded: p.interpreterNeeded,
        phone: p.phone,
        email: p.email,
        /** Masked when protected: revealed only by the audited reveal action. */
        address: p.protectedAddress ? null : p.address,
        protectedAddress: p.protectedAddress,
        custodyHolderIds: custodies.filter((c) => c.childPersonId === p.id).map((c) => c.holderPersonId),
      })),
      consents: consents.map((c) => ({
        id: c.id,
        personId: c.personId,
        scope: c.scope,
        givenAt: c.givenAt,
        expiresAt: c.expiresAt,
        withdrawnAt: c.withdrawnAt,
        howGiven: c.howGiven,
        inForce: consentInForce(c, today),
        expiresInDays: c.expiresAt ? daysBetween(today, c.expiresAt) : null,
      })),
      activationBlockers: blockers,
      coordinator: current
        ? { userId: current.userId, name: current.name, email: current.email, departmentName: current.departmentName, since: current.from }
        : null,
      coordinatorHistory: coordinatorRows.map((c) => ({ userId: c.userId, name: c.name, from: c.from, to: c.to, reason: c.reason, cause: c.cause })),
      team: teamRows.map((t) => ({
        id: t.id,
        userId: t.userId,
        name: t.name,
        email: t.email,
        departmentId: t.departmentId,
        departmentName: t.departmentName,
        role: t.role,
        from: t.from,
        to: t.to,
        current: t.from <= today && (t.to === null || t.to >= today),
      })),
      statusHistory: statusRows.map((e) => ({ from: e.fromStatus, to: e.toStatus, date: e.date, reason: e.reason, cause: e.cause, byName: e.byName, at: isoInstant(e.at) })),
      interventions,
      ...work,
      recentActivity: activity.map((a) => ({ action: a.action, at: isoInstant(a.occurredAt), actorName: a.actorName })),
    },
    can: familyCan(relation),
  };
}
