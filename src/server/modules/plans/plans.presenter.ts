import { lifeDomainKind } from '../../../shared/consent-kinds.js';
import type { ConsentKind } from '../../../shared/families.js';
import type { PlanGoalDto, PlanSnapshot, PlanVersionDto, Responsible } from '../../../shared/plans.js';
import type { ActionRow, BaselineRow, GoalRow, VersionRow } from './plans.repository.js';

/** Names the plan shows next to ids: family members, staff users and departments. */
export interface PlanNames {
  persons: ReadonlyMap<string, string>;
  staff: ReadonlyMap<string, string>;
  departments: ReadonlyMap<string, string>;
}

export function responsibleName(r: Responsible, names: PlanNames): string | null {
  if (r.kind === 'person') return names.persons.get(r.personId) ?? null;
  if (r.kind === 'staff') return names.staff.get(r.userId) ?? null;
  return names.departments.get(r.departmentId) ?? null;
}

/** The staff users and departments responsible for some actions, to look their names up. */
export function responsibleIds(responsibles: readonly Responsible[]): { userIds: string[]; departmentIds: string[] } {
  const userIds = new Set<string>();
  const departmentIds = new Set<string>();
  for (const r of responsibles) {
    if (r.kind === 'staff') userIds.add(r.userId);
    if (r.kind === 'department') departmentIds.add(r.departmentId);
  }
  return { userIds: [...userIds], departmentIds: [...departmentIds] };
}

/** Orders baselines by the municipality's order of life domains (unknown codes last, by code). */
export function byDomainOrder<T extends { domain: string }>(items: readonly T[], order: ReadonlyMap<string, number>): T[] {
  const rank = (d: string) => order.get(d) ?? Number.MAX_SAFE_INTEGER;
  return [...items].sort((a, b) => rank(a.domain) - rank(b.domain) || a.domain.localeCompare(b.domain));
}

/** The draft as a snapshot: what publishing stores, and what the diff compares. */
export function snapshotOf(
  goals: readonly GoalRow[],
  actions: readonly ActionRow[],
  baseline: readonly BaselineRow[],
  domainOrder: ReadonlyMap<string, number>,
): PlanSnapshot {
  return {
    baseline: byDomainOrder(baseline, domainOrder).map((b) => ({ domain: b.domain, score: b.score, text: b.text })),
    goals: goals.map((g) => ({
      id: g.id,
      personId: g.personId,
      domain: g.domain,
      horizon: g.horizon,
      title: g.title,
      successCriterion: g.successCriterion,
      targetDate: g.targetDate,
      status: g.status,
      gas: g.gas ?? null,
      legalRequirement: g.legalRequirement,
      actions: actions
        .filter((a) => a.goalId === g.id)
        .map((a) => ({ id: a.id, what: a.what, responsible: a.responsible, due: a.due, doneAt: a.doneAt })),
    })),
  };
}

/**
 * The snapshot as a viewer who sees only `kinds` may see it: goals and baseline entries whose life domain is of
 * another kind are left out, and counted (decision 0017).
 */
export function narrowSnapshot(snapshot: PlanSnapshot, kinds: readonly ConsentKind[]): { snapshot: PlanSnapshot; hidden: { goals: number; baseline: number } } {
  const shown = (domain: string) => kinds.includes(lifeDomainKind(domain));
  const goals = snapshot.goals.filter((g) => shown(g.domain));
  const baseline = snapshot.baseline.filter((b) => shown(b.domain));
  return { snapshot: { goals, baseline }, hidden: { goals: snapshot.goals.length - goals.length, baseline: snapshot.baseline.length - baseline.length } };
}

export function presentGoals(
  snapshot: PlanSnapshot,
  links: ReadonlyArray<{ goalId: string; interventionId: string }>,
  ratings: ReadonlyArray<{ goalId: string; date: string; value: number; respondent: 'family' | 'coordinator' | 'professional' }>,
  names: PlanNames,
): PlanGoalDto[] {
  return snapshot.goals.map((g) => {
    const rating = ratings.find((r) => r.goalId === g.id);
    return {
      ...g,
      actions: g.actions.map((a) => ({ ...a, responsibleName: responsibleName(a.responsible, names) })),
      interventionIds: links.filter((l) => l.goalId === g.id).map((l) => l.interventionId),
      latestRating: rating ? { date: rating.date, value: rating.value, respondent: rating.respondent } : null,
    };
  });
}

export interface SignOffRow {
  signOff: { id: string; versionId: string; personId: string; signedAt: string; how: 'in_person' | 'letter' | 'digital'; recordedBy: string; recordedAt: Date };
  givenName: string;
  familyName: string;
  recordedByName: string;
}

export function presentVersion(
  v: VersionRow & { current: boolean },
  publishedByName: string,
  signOffs: readonly SignOffRow[],
): PlanVersionDto {
  return {
    id: v.id,
    number: v.number,
    current: v.current,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: { id: v.publishedBy, name: publishedByName },
    nextReviewDate: v.nextReviewDate,
    note: v.note,
    signOffs: signOffs
      .filter((s) => s.signOff.versionId === v.id)
      .map((s) => ({
        id: s.signOff.id,
        personId: s.signOff.personId,
        personName: `${s.givenName} ${s.familyName}`,
        signedAt: s.signOff.signedAt,
        how: s.signOff.how,
        recordedBy: { id: s.signOff.recordedBy, name: s.recordedByName },
        recordedAt: s.signOff.recordedAt.toISOString(),
      })),
  };
}
