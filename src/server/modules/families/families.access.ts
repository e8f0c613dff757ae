import { sql, type SQL } from 'drizzle-orm';
import type { ConsentKind, ConsentScope, FamilyRelation, FamilyStatus } from '../../../shared/families.js';
import { todayInDenmark } from '../../../shared/dates.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { visibleKinds } from './consent-kinds.policy.js';
import { familyRelation, may, type FamilyAction, type FamilyFacts } from './families.policy.js';
import { cachedStatement } from '../../db/prepared.js';

/** The family row as the access check reads it. */
export interface FamilyHead {
  id: string;
  status: FamilyStatus;
  version: number;
  coordinatorUserId: string | null;
  referredAt: string | null;
  enrolledAt: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
  completionReason: string | null;
  createdAt: Date;
}

interface FactsRow {
  id: string;
  status: FamilyStatus;
  version: number;
  coordinator_user_id: string | null;
  referred_at: string | null;
  enrolled_at: string | null;
  completed_at: string | null;
  withdrawn_at: string | null;
  completion_reason: string | null;
  created_at: Date | string;
  coordinator_department_id: string | null;
  team_department_ids: string[];
  break_glass: boolean;
  any_consent: boolean;
  consent_department_ids: string[];
  consent_scopes: ConsentScope[];
  [key: string]: unknown;
}

/** The values the facts statement takes, by placeholder name. */
interface FactsValues {
  m: string;
  familyId: string;
  userId: string;
  today: string;
  now: string;
  [key: string]: unknown;
}
const P = (name: 'm' | 'familyId' | 'userId' | 'today' | 'now') => sql.placeholder(name);

/**
 * A consent `k` of the family `f` in force on the date `today` (an SQL date): given, not expired, not withdrawn. The
 * one rule for access and for kinds; the team's list of families (team-families.service.ts) uses it too.
 */
export const consentInForceSql = (today: SQL) => sql`k.municipality_id = f.municipality_id and k.family_id = f.id
                     and k.given_at <= ${today}
                     and (k.expires_at is null or k.expires_at >= ${today})
                     and (k.withdrawn_at is null or k.withdrawn_at > ${today})`;

/** The departments the consents of the family `f` in force on `today` cover (an array of uuids, empty when none). */
export const consentDepartmentIdsSql = (today: SQL) => sql`coalesce((select array_agg(distinct d.value::uuid) from consent k
                       cross join lateral jsonb_array_elements_text(k.scope -> 'departmentIds') d
                     where ${consentInForceSql(today)}), '{}')`;

const inForce = consentInForceSql(sql`${P('today')}::date`);

/**
 * What the access policy reads about the viewer `userId` and the family `f` (its coordinator joined as `cu`), on the
 * date `today` and at the moment `now`: the columns familyFactsOf turns into the policy's facts. Every family page
 * reads them in its facts statement, Mine møder for each meeting's family.
 */
export const viewerFactsColumnsSql = (v: { userId: SQL; today: SQL; now: SQL }) => sql`cu.department_id as coordinator_department_id,
           coalesce((select array_agg(tm.department_id) from team_member tm
                     where tm.municipality_id = f.municipality_id and tm.family_id = f.id and tm.user_id = ${v.userId}
                       and tm."from" <= ${v.today} and (tm."to" is null or tm."to" >= ${v.today})), '{}') as team_department_ids,
           exists (select 1 from break_glass_access b
                   where b.municipality_id = f.municipality_id and b.family_id = f.id and b.user_id = ${v.userId}
                     and b.expires_at > ${v.now}) as break_glass,
           exists (select 1 from consent k where k.municipality_id = f.municipality_id and k.family_id = f.id) as any_consent,
           ${consentDepartmentIdsSql(v.today)} as consent_department_ids`;

/** The family and the actor's relation to it; built once, a named statement (db/prepared.ts); `for update` or not. */
const factsSql = (lock: boolean) => sql`
    select f.id, f.status, f.version, f.coordinator_user_id, f.referred_at::text, f.enrolled_at::text, f.completed_at::text,
           f.withdrawn_at::text, f.completion_reason, f.created_at,
           ${viewerFactsColumnsSql({ userId: sql`${P('userId')}`, today: sql`${P('today')}::date`, now: sql`${P('now')}::timestamptz` })},
           coalesce((select json_agg(k.scope) from consent k where ${inForce}), '[]') as consent_scopes
    from family f
    left join staff_user cu on cu.municipality_id = f.municipality_id and cu.id = f.coordinator_user_id
    where f.municipality_id = ${P('m')} and f.id = ${P('familyId')}
    ${lock ? sql`for update of f` : sql``}`;
const factsStatement = cachedStatement<FactsValues, FactsRow>(() => factsSql(false));
const factsForUpdateStatement = cachedStatement<FactsValues, FactsRow>(() => factsSql(true));

/** The columns a statement reads for the access policy (facts statement, Mine familier). */
export type FamilyFactsColumns = Pick<FactsRow, 'coordinator_user_id' | 'coordinator_department_id' | 'team_department_ids' | 'break_glass' | 'any_consent' | 'consent_department_ids'>;

/** The policy's facts from those columns: no consent ever recorded means the assessment's own basis (null). */
export function familyFactsOf(r: FamilyFactsColumns): FamilyFacts {
  return {
    coordinatorUserId: r.coordinator_user_id,
    coordinatorDepartmentId: r.coordinator_department_id,
    teamDepartmentIds: r.team_department_ids ?? [],
    breakGlass: r.break_glass,
    consentDepartmentIds: r.any_consent ? (r.consent_department_ids ?? []) : null,
  };
}

/** One query: the family and everything the policy needs about the actor's relation to it. */
export async function loadFamilyFacts(
  ctx: Ctx,
  familyId: string,
  lockForUpdate = false,
): Promise<{ family: FamilyHead; facts: FamilyFacts; consentsInForce: ConsentScope[] } | null> {
  const actor = actorOf(ctx);
  const today = todayInDenmark(ctx.now);
  const values: FactsValues = { m: ctx.municipalityId, familyId, userId: actor.userId, today, now: ctx.now.toISOString() };
  // Every family page runs this.
  const res = await (lockForUpdate ? factsForUpdateStatement : factsStatement)(ctx.tx, values);
  const r = res.rows[0];
  if (!r) return null;
  return {
    family: {
      id: r.id,
      status: r.status,
      version: Number(r.version),
      coordinatorUserId: r.coordinator_user_id,
      referredAt: r.referred_at,
      enrolledAt: r.enrolled_at,
      completedAt: r.completed_at,
      withdrawnAt: r.withdrawn_at,
      completionReason: r.completion_reason,
      createdAt: new Date(r.created_at),
    },
    facts: familyFactsOf(r),
    consentsInForce: typeof r.consent_scopes === 'string' ? (JSON.parse(r.consent_scopes) as ConsentScope[]) : (r.consent_scopes ?? []),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The family, if the actor may do `action` on it. Otherwise the same 404 as for a family that does not
 * exist, so ids cannot be probed; the refusal is audited. With `lock`, the family row is locked for the
 * rest of the transaction (writes). `kinds` are the kinds of information the actor may see (decision 0017).
 */
export async function requireFamily(
  ctx: Ctx,
  familyId: string,
  action: FamilyAction,
  opts: { lock?: boolean } = {},
): Promise<{ family: FamilyHead; relation: FamilyRelation; kinds: ConsentKind[] }> {
  if (!UUID.test(familyId)) throw new AppError('family_not_found');
  const loaded = await loadFamilyFacts(ctx, familyId, opts.lock);
  const relation = loaded ? familyRelation(actorOf(ctx), loaded.facts) : null;
  if (!loaded || !may(relation, action)) {
    await audit(ctx, {
      action: 'access.denied',
      targetType: 'family',
      targetId: familyId,
      outcome: 'denied',
      details: { attempted: `family.${action}`, exists: loaded !== null, relation },
    });
    throw new AppError('family_not_found').keepingWrites();
  }
  return { family: loaded.family, relation: relation!, kinds: visibleKinds(actorOf(ctx), loaded.facts, loaded.consentsInForce) };
}

/** Optimistic concurrency: refuses a change made from a stale view of the family. */
export function checkVersion(family: FamilyHead, version: number): void {
  if (family.version !== version) {
    throw new AppError('conflict', [], { currentVersion: family.version });
  }
}
