import type { PlanSnapshot } from './plans.js';

/**
 * What changed between two snapshots of a family's plan (two published versions, or a version and the draft):
 * goals and actions matched by their stable ids, compared field by field; baselines matched by life domain.
 * Pure, so the server's history and the web's "what changed" show the same thing.
 */

export type SnapshotGoal = PlanSnapshot['goals'][number];
export type SnapshotAction = SnapshotGoal['actions'][number];
export type SnapshotBaseline = PlanSnapshot['baseline'][number];
/** A goal's own fields, without its actions (those are diffed one by one). */
export type GoalFields = Omit<SnapshotGoal, 'actions'>;

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One field that differs. GAS levels are compared level by level (`gas.-2` … `gas.2`). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface BaselineChange {
  domain: string;
  kind: ChangeKind;
  before: SnapshotBaseline | null;
  after: SnapshotBaseline | null;
  fields: FieldChange[];
}

export interface ActionChange {
  id: string;
  kind: ChangeKind;
  /** What the action says now (or said, when removed). */
  what: string;
  before: SnapshotAction | null;
  after: SnapshotAction | null;
  fields: FieldChange[];
}

export interface GoalChange {
  id: string;
  kind: ChangeKind;
  /** The goal's title now (or when it was removed). */
  title: string;
  before: GoalFields | null;
  after: GoalFields | null;
  /** The goal's own fields that differ (empty for added and removed goals). */
  fields: FieldChange[];
  /** Its actions that were added, removed or changed (all of them for an added or removed goal). */
  actions: ActionChange[];
}

export interface PlanDiff {
  baseline: BaselineChange[];
  goals: GoalChange[];
  /** True when the two snapshots say the same. */
  unchanged: boolean;
}

const GOAL_FIELDS = ['personId', 'domain', 'horizon', 'title', 'successCriterion', 'targetDate', 'status', 'legalRequirement'] as const;
const ACTION_FIELDS = ['what', 'responsible', 'due', 'doneAt'] as const;
const GAS_LEVELS = ['-2', '-1', '0', '1', '2'] as const;

/** A value in a canonical form: objects with sorted keys, undefined as null (older snapshots may lack a field). */
function canonical(v: unknown): unknown {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function fieldChanges<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T & string>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    if (!sameValue(before[f], after[f])) out.push({ field: f, before: canonical(before[f]), after: canonical(after[f]) });
  }
  return out;
}

function gasChanges(before: GoalFields['gas'] | undefined, after: GoalFields['gas'] | undefined): FieldChange[] {
  if (sameValue(before, after)) return [];
  // Written up front or taken away as a whole: one change; otherwise level by level.
  if (!before || !after) return [{ field: 'gas', before: canonical(before), after: canonical(after) }];
  return GAS_LEVELS.filter((l) => before[l] !== after[l]).map((l) => ({ field: `gas.${l}`, before: before[l], after: after[l] }));
}

function goalFields(g: SnapshotGoal): GoalFields {
  const { actions: _actions, ...rest } = g;
  return rest;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

/** Items of `b` in b's order, then those only in `a` in a's order: added and changed first, removed last. */
function matchById<T extends { id: string }>(a: readonly T[], b: readonly T[]): Array<[T | undefined, T | undefined]> {
  const inA = byId(a);
  const inB = byId(b);
  const out: Array<[T | undefined, T | undefined]> = b.map((x) => [inA.get(x.id), x]);
  for (const x of a) if (!inB.has(x.id)) out.push([x, undefined]);
  return out;
}

export function diffActions(a: readonly SnapshotAction[], b: readonly SnapshotAction[]): ActionChange[] {
  const out: ActionChange[] = [];
  for (const [before, after] of matchById(a, b)) {
    if (before && after) {
      const fields = fieldChanges(before, after, ACTION_FIELDS);
      if (fields.length > 0) out.push({ id: after.id, kind: 'changed', what: after.what, before, after, fields });
    } else if (after) {
      out.push({ id: after.id, kind: 'added', what: after.what, before: null, after, fields: [] });
    } else if (before) {
      out.push({ id: before.id, kind: 'removed', what: before.what, before, after: null, fields: [] });
    }
  }
  return out;
}

export function diffGoals(a: readonly SnapshotGoal[], b: readonly SnapshotGoal[]): GoalChange[] {
  const out: GoalChange[] = [];
  for (const [before, after] of matchById(a, b)) {
    if (before && after) {
      const fields = [...fieldChanges(goalFields(before), goalFields(after), GOAL_FIELDS), ...gasChanges(before.gas, after.gas)];
      const actions = diffActions(before.actions, after.actions);
      if (fields.length > 0 || actions.length > 0) {
        out.push({ id: after.id, kind: 'changed', title: after.title, before: goalFields(before), after: goalFields(after), fields, actions });
      }
    } else if (after) {
      out.push({ id: after.id, kind: 'added', title: after.title, before: null, after: goalFields(after), fields: [], actions: diffActions([], after.actions) });
    } else if (before) {
      out.push({ id: before.id, kind: 'removed', title: before.title, before: goalFields(before), after: null, fields: [], actions: diffActions(before.actions, []) });
    }
  }
  return out;
}

export function diffBaseline(a: readonly SnapshotBaseline[], b: readonly SnapshotBaseline[]): BaselineChange[] {
  const keyed = (xs: readonly SnapshotBaseline[]) => xs.map((x) => ({ ...x, id: x.domain }));
  const out: BaselineChange[] = [];
  for (const [before, after] of matchById(keyed(a), keyed(b))) {
    const strip = (x: (SnapshotBaseline & { id: string }) | undefined): SnapshotBaseline | null =>
      x ? { domain: x.domain, score: x.score, text: x.text } : null;
    if (before && after) {
      const fields = fieldChanges(before, after, ['score', 'text']);
      if (fields.length > 0) out.push({ domain: after.domain, kind: 'changed', before: strip(before), after: strip(after), fields });
    } else if (after) {
      out.push({ domain: after.domain, kind: 'added', before: null, after: strip(after), fields: [] });
    } else if (before) {
      out.push({ domain: before.domain, kind: 'removed', before: strip(before), after: null, fields: [] });
    }
  }
  return out;
}

/** What changed from `a` to `b`. */
export function diffPlans(a: PlanSnapshot, b: PlanSnapshot): PlanDiff {
  const baseline = diffBaseline(a.baseline, b.baseline);
  const goals = diffGoals(a.goals, b.goals);
  return { baseline, goals, unchanged: baseline.length === 0 && goals.length === 0 };
}

/** The empty plan: what a first version is compared with. */
export const EMPTY_SNAPSHOT: PlanSnapshot = { baseline: [], goals: [] };
