import { todayInDenmark } from '../../../shared/dates.js';
import type { ConsentKind, FamilyRelation } from '../../../shared/families.js';
import { diffPlans } from '../../../shared/plan-diff.js';
import { LEGAL_REQUIREMENT_SUGGESTIONS, type PlanDto, type PlanSnapshot } from '../../../shared/plans.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { requireFamily } from '../families/families.access.js';
import { touchFamily } from '../families/families.service.js';
import { membersOf } from '../families/persons.repository.js';
import { describeDraftChanges, narrowDraftChanges } from './plan-conflict.js';
import { isStaleDraft, markCurrent } from './plan-versioning.js';
import { PLAN_ACCESS, planCan } from './plans.policy.js';
import { narrowSnapshot, presentGoals, presentVersion, responsibleIds, snapshotOf, type PlanNames } from './plans.presenter.js';
import {
  departmentNames,
  draftChangesSince,
  findPlanByFamily,
  insertPlan,
  latestRatings,
  listActions,
  listBaseline,
  listGoals,
  listInterventionLinks,
  listLifeDomains,
  listSignOffs,
  listVersions,
  staffNames,
  updatePlan,
  type LifeDomainRow,
  type PlanRow,
} from './plans.repository.js';

export type Members = Awaited<ReturnType<typeof membersOf>>;

/** The persons a plan is about: every member of the family. */
export function memberIds(members: Members): string[] {
  return members.map((m) => m.person.id);
}

/** The persons a goal concerns: its person, or the whole family for a family goal. */
export function goalPersonIds(personId: string | null, members: Members): string[] {
  return personId ? [personId] : memberIds(members);
}

export function domainOrder(domains: readonly LifeDomainRow[]): Map<string, number> {
  return new Map(domains.map((d, i) => [d.code, i]));
}

/** The draft as stored: the plan row (if any), its snapshot, and what the draft view adds to it. */
export async function loadDraft(ctx: Ctx, familyId: string) {
  const { tx, municipalityId } = ctx;
  const plan = await findPlanByFamily(tx, municipalityId, familyId);
  const domains = await listLifeDomains(tx, municipalityId);
  if (!plan) return { plan, domains, snapshot: { baseline: [], goals: [] } as PlanSnapshot, links: [], ratings: [] };
  const goals = await listGoals(tx, municipalityId, plan.id);
  const goalIds = goals.map((g) => g.id);
  const actions = await listActions(tx, municipalityId, goalIds);
  const baseline = await listBaseline(tx, municipalityId, plan.id);
  return {
    plan,
    domains,
    snapshot: snapshotOf(goals, actions, baseline, domainOrder(domains)),
    links: await listInterventionLinks(tx, municipalityId, goalIds),
    ratings: await latestRatings(tx, municipalityId, goalIds),
  };
}

/** Names of members, staff and departments that a set of snapshots refer to. */
export async function namesFor(ctx: Ctx, members: Members, snapshots: PlanSnapshot[]): Promise<PlanNames> {
  const { userIds, departmentIds } = responsibleIds(snapshots.flatMap((s) => s.goals.flatMap((g) => g.actions.map((a) => a.responsible))));
  return {
    persons: new Map(members.map((m) => [m.person.id, `${m.person.givenName} ${m.person.familyName}`])),
    staff: new Map((await staffNames(ctx.tx, ctx.municipalityId, userIds)).map((s) => [s.id, s.name])),
    departments: new Map((await departmentNames(ctx.tx, ctx.municipalityId, departmentIds)).map((d) => [d.id, d.name])),
  };
}

/** The plan's published versions, newest first, each flagged current or not, with their sign-offs. */
export async function versionsOf(ctx: Ctx, plan: PlanRow | undefined) {
  if (!plan) return [];
  const rows = await listVersions(ctx.tx, ctx.municipalityId, plan.id);
  const marked = markCurrent(
    rows.map((r) => ({ ...r.version, publishedByName: r.publishedByName })),
    plan.currentVersionId,
  );
  const signOffs = await listSignOffs(ctx.tx, ctx.municipalityId, rows.map((r) => r.version.id));
  return marked.map((v) => ({ row: v, dto: presentVersion(v, v.publishedByName, signOffs) }));
}

/**
 * The plan as the UI shows it: the draft, the current version and what the user may do. Goals and baseline
 * entries of kinds the viewer's consent does not cover are left out and counted (decision 0017).
 */
export async function planView(ctx: Ctx, familyId: string, relation: FamilyRelation, members: Members, kinds: readonly ConsentKind[]): Promise<PlanDto> {
  const draft = await loadDraft(ctx, familyId);
  const versions = await versionsOf(ctx, draft.plan);
  const current = versions.find((v) => v.row.current) ?? null;
  const shown = narrowSnapshot(draft.snapshot, kinds);
  const names = await namesFor(ctx, members, [shown.snapshot]);
  return {
    familyId,
    startDate: draft.plan?.startDate ?? null,
    draftVersion: draft.plan?.draftVersion ?? 0,
    baseline: shown.snapshot.baseline,
    goals: presentGoals(shown.snapshot, draft.links, draft.ratings, names),
    current: current?.dto ?? null,
    unpublishedChanges: current ? !diffPlans(current.row.snapshot, draft.snapshot).unchanged : draft.snapshot.goals.length > 0 || draft.snapshot.baseline.length > 0,
    legalRequirementSuggestions: [...LEGAL_REQUIREMENT_SUGGESTIONS],
    can: planCan(relation),
    hiddenByConsent: shown.hidden,
  };
}

/**
 * GET /families/:id/plan: the draft and the current version, audited naming every member of the family, with
 * the goals actually shown (and how many were left out by consent).
 */
export async function getPlan(ctx: Ctx, familyId: string): Promise<PlanDto> {
  const { relation, kinds } = await requireFamily(ctx, familyId, PLAN_ACCESS.read);
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  const view = await planView(ctx, familyId, relation, members, kinds);
  await audit(ctx, {
    action: 'plan.read',
    targetType: 'family',
    targetId: familyId,
    personIds: memberIds(members),
    details: {
      relation,
      view: 'draft',
      draftVersion: view.draftVersion,
      goals: view.goals.length,
      goalIds: view.goals.map((g) => g.id),
      hiddenByConsent: view.hiddenByConsent,
      currentVersion: view.current?.number ?? null,
    },
  });
  return view;
}

/** A write to the draft under way: the plan (created by the first write), the version it becomes, the family. */
export interface DraftWrite {
  plan: PlanRow;
  /** The draft version this write produces. */
  next: number;
  relation: FamilyRelation;
  /** The kinds of information the writer may see (decision 0017). */
  kinds: ConsentKind[];
  members: Members;
  domains: LifeDomainRow[];
  today: string;
}

/**
 * The conflict for a write from a stale view: lists what was changed since, worded for the user. Changes in
 * life domains the writer's consent does not cover are not named, only counted (decision 0017).
 */
export async function planConflict(ctx: Ctx, plan: PlanRow | undefined, seen: number, kinds: readonly ConsentKind[]): Promise<AppError> {
  if (!plan) return new AppError('plan_conflict', describeDraftChanges({ goals: [], actions: [], baseline: [] }, seen, ctx.lang, (c) => c), { currentDraftVersion: 0 });
  const domains = await listLifeDomains(ctx.tx, ctx.municipalityId);
  const label = (code: string) => {
    const d = domains.find((x) => x.code === code);
    return d ? (ctx.lang === 'da' ? d.labelDa : d.labelEn) : code;
  };
  const shown = narrowDraftChanges(await draftChangesSince(ctx.tx, ctx.municipalityId, plan.id, seen), kinds);
  return new AppError('plan_conflict', describeDraftChanges(shown.changes, seen, ctx.lang, label, shown.hidden), {
    currentDraftVersion: plan.draftVersion,
    hiddenByConsent: shown.hidden,
  });
}

/**
 * Starts a write to the draft: the actor must be allowed `action`, the family row is locked (writers are
 * strictly ordered), and the draft version the user saw must be the stored one. The first write creates the
 * plan, starting today. Nothing is kept if the write fails later: the transaction rolls back.
 */
export async function openDraft(ctx: Ctx, familyId: string, seen: number, action: 'edit' | 'publish' = 'edit'): Promise<DraftWrite> {
  const { relation, kinds } = await requireFamily(ctx, familyId, PLAN_ACCESS[action], { lock: true });
  const existing = await findPlanByFamily(ctx.tx, ctx.municipalityId, familyId);
  const stored = existing?.draftVersion ?? 0;
  if (isStaleDraft(stored, seen)) throw await planConflict(ctx, existing, seen, kinds);
  const today = todayInDenmark(ctx.now);
  const plan =
    existing ??
    (await insertPlan(ctx.tx, { municipalityId: ctx.municipalityId, familyId, startDate: today, draftVersion: 0, createdAt: ctx.now, updatedAt: ctx.now }));
  return {
    plan,
    next: stored + 1,
    relation,
    kinds,
    members: await membersOf(ctx.tx, ctx.municipalityId, familyId),
    domains: await listLifeDomains(ctx.tx, ctx.municipalityId),
    today,
  };
}

/** Finishes a write to the draft: stores its new version and marks the family changed. */
export async function closeDraft(ctx: Ctx, familyId: string, w: DraftWrite): Promise<void> {
  await updatePlan(ctx.tx, ctx.municipalityId, w.plan.id, { draftVersion: w.next, updatedAt: ctx.now });
  await touchFamily(ctx, familyId);
}

/** Who changed a row of the draft, and in which version: what a later conflict reports. */
export function changeStamp(ctx: Ctx, w: DraftWrite) {
  return { changedInDraft: w.next, changedBy: actorOf(ctx).userId };
}
