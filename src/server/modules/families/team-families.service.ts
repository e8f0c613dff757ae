import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { sortedByDanishName } from '../../../shared/danish-order.js';
import { todayInDenmark } from '../../../shared/dates.js';
import { familySurnames, OPEN_STATUSES, type FamilyStatus, type TeamFamiliesDto } from '../../../shared/families.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { consentDepartmentIdsSql, familyFactsOf } from './families.access.js';
import { familyRelation } from './families.policy.js';
import { MEMBER_ORDER_FM_P } from './persons.repository.js';

interface TeamFamilyRow {
  id: string;
  status: FamilyStatus;
  coordinator_user_id: string | null;
  coordinator_name: string | null;
  coordinator_email: string | null;
  coordinator_department_id: string | null;
  names: string[] | null;
  given_names: string[] | null;
  person_ids: string[] | null;
  any_consent: boolean;
  consent_department_ids: string[];
  team_department_ids: string[];
  memberships: Array<{ departmentName: string; role: string; from: string; to: string | null }> | string;
  open_tasks: number;
  overdue_tasks: number;
  [key: string]: unknown;
}

type TeamFamily = z.infer<typeof TeamFamiliesDto>['families'][number];

/**
 * Mine familier: the families whose team the viewer is on today. Which of them are listed is decided by the family
 * access rule itself (familyRelation, with the same facts the family page reads), so the list holds exactly the
 * families the viewer can open: a membership whose department the family's consent in force no longer covers is
 * only counted (`notCovered`), without anything that would identify the family. The list names persons, so it is
 * audited with the persons shown, like Min sagsstamme.
 */
export async function listTeamFamilies(ctx: Ctx): Promise<z.infer<typeof TeamFamiliesDto>> {
  await requireRole(ctx, ['coordinator', 'professional', 'manager'], 'team_families.read');
  const actor = actorOf(ctx);
  const today = todayInDenmark(ctx.now);
  const todaySql = sql`${today}::date`;
  const current = sql`tm.municipality_id = f.municipality_id and tm.family_id = f.id and tm.user_id = ${actor.userId}
                      and tm."from" <= ${todaySql} and (tm."to" is null or tm."to" >= ${todaySql})`;
  const { rows } = await ctx.tx.execute<TeamFamilyRow>(sql`
    select f.id, f.status, f.coordinator_user_id, cu.name as coordinator_name, cu.email as coordinator_email,
           cu.department_id as coordinator_department_id, mb.names, mb.given_names, mb.person_ids,
           exists (select 1 from consent k where k.municipality_id = f.municipality_id and k.family_id = f.id) as any_consent,
           ${consentDepartmentIdsSql(todaySql)} as consent_department_ids,
           ms.team_department_ids, ms.memberships, tk.open_tasks, tk.overdue_tasks
    from family f
    join lateral (
      select array_agg(tm.department_id) as team_department_ids,
             json_agg(json_build_object('departmentName', d.name, 'role', tm.role, 'from', tm."from", 'to', tm."to")
                      order by tm."from", tm.id) as memberships
      from team_member tm join department d on d.municipality_id = tm.municipality_id and d.id = tm.department_id
      where ${current}) ms on ms.team_department_ids is not null
    left join staff_user cu on cu.municipality_id = f.municipality_id and cu.id = f.coordinator_user_id
    left join lateral (
      select array_agg(p.family_name order by ${MEMBER_ORDER_FM_P}) as names,
             array_agg(p.given_name order by ${MEMBER_ORDER_FM_P}) as given_names, array_agg(fm.person_id) as person_ids
      from family_member fm join person p on p.municipality_id = fm.municipality_id and p.id = fm.person_id
      where fm.municipality_id = f.municipality_id and fm.family_id = f.id) mb on true
    left join lateral (
      select count(*)::int as open_tasks, count(*) filter (where t.due < ${todaySql})::int as overdue_tasks
      from task t
      where t.municipality_id = f.municipality_id and t.family_id = f.id and t.assignee_user_id = ${actor.userId}
        and t.status = 'open') tk on true
    where f.municipality_id = ${ctx.municipalityId}
      and exists (select 1 from team_member tm where ${current})
    limit 1000`);

  // A break of the glass does not put a family on this list: only the team membership and what else the rule says.
  const visible = rows.filter((r) => familyRelation(actor, familyFactsOf({ ...r, break_glass: false })) !== null);
  const notCovered = rows.length - visible.length;
  await audit(ctx, {
    action: 'team.families_read',
    personIds: visible.flatMap((r) => r.person_ids ?? []),
    details: { rows: visible.length, notCovered },
  });
  const families: TeamFamily[] = visible.map((r) => ({
    id: r.id,
    familyNames: familySurnames(r.names ?? []),
    givenNames: r.given_names ?? [],
    status: r.status,
    coordinator: r.coordinator_name !== null && r.coordinator_email !== null ? { name: r.coordinator_name, email: r.coordinator_email } : null,
    memberships: (typeof r.memberships === 'string' ? (JSON.parse(r.memberships) as TeamFamilyRow['memberships']) : r.memberships) as TeamFamily['memberships'],
    openTasks: Number(r.open_tasks),
    overdueTasks: Number(r.overdue_tasks),
  }));
  return { families: sortTeamFamilies(families), notCovered };
}

/** Families still in the effort first, then the ended ones; each group in Danish alphabetical order of the family name. */
export function sortTeamFamilies<T extends { status: FamilyStatus; familyNames: string[] }>(families: readonly T[]): T[] {
  const byName = sortedByDanishName(families, (f) => f.familyNames[0] ?? '');
  return [...byName.filter((f) => OPEN_STATUSES.includes(f.status)), ...byName.filter((f) => !OPEN_STATUSES.includes(f.status))];
}
