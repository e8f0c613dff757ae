import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, diffActions, diffBaseline, diffPlans, sameValue, type SnapshotAction, type SnapshotGoal } from './plan-diff.js';
import type { PlanSnapshot } from './plans.js';

const P1 = '11111111-1111-4111-8111-111111111111';
const U1 = '22222222-2222-4222-8222-222222222222';
const D1 = '33333333-3333-4333-8333-333333333333';

function action(id: string, over: Partial<SnapshotAction> = {}): SnapshotAction {
  return { id, what: `Handling ${id}`, responsible: { kind: 'person', personId: P1 }, due: '2025-06-01', doneAt: null, ...over };
}

function goal(id: string, over: Partial<SnapshotGoal> = {}): SnapshotGoal {
  return {
    id,
    personId: null,
    domain: 'housing',
    horizon: 'short',
    title: `Mål ${id}`,
    successCriterion: '',
    targetDate: '2025-12-31',
    status: 'active',
    gas: null,
    legalRequirement: null,
    actions: [],
    ...over,
  };
}

function plan(goals: SnapshotGoal[], baseline: PlanSnapshot['baseline'] = []): PlanSnapshot {
  return { baseline, goals };
}

const gas = { '-2': 'Ingen bolig', '-1': 'Midlertidig bolig', '0': 'Venteliste', '1': 'Bolig tilbudt', '2': 'Egen bolig' };

describe('diffPlans', () => {
  it('finds nothing between a plan and itself', () => {
    const p = plan([goal('g1', { gas, actions: [action('a1')] })], [{ domain: 'economy', score: 3, text: 'Gæld' }]);
    expect(diffPlans(p, structuredClone(p))).toEqual({ baseline: [], goals: [], unchanged: true });
  });

  it('finds every goal of the first version added, with its actions added, when compared with the empty plan', () => {
    const d = diffPlans(EMPTY_SNAPSHOT, plan([goal('g1', { actions: [action('a1'), action('a2')] })]));
    expect(d.unchanged).toBe(false);
    expect(d.goals).toHaveLength(1);
    expect(d.goals[0]).toMatchObject({ id: 'g1', kind: 'added', title: 'Mål g1', before: null, fields: [] });
    expect(d.goals[0]!.after).not.toHaveProperty('actions');
    expect(d.goals[0]!.actions.map((a) => [a.id, a.kind])).toEqual([
      ['a1', 'added'],
      ['a2', 'added'],
    ]);
  });

  it('reports a removed goal with its title and its actions as removed', () => {
    const d = diffPlans(plan([goal('g1', { title: 'Finde arbejde', actions: [action('a1')] })]), plan([]));
    expect(d.goals).toEqual([
      expect.objectContaining({ id: 'g1', kind: 'removed', title: 'Finde arbejde', after: null, actions: [expect.objectContaining({ id: 'a1', kind: 'removed' })] }),
    ]);
  });

  it('reports a changed goal field by field, with before and after', () => {
    const a = plan([goal('g1', { title: 'Få styr på økonomien', targetDate: '2025-12-31', status: 'active' })]);
    const b = plan([goal('g1', { title: 'Få styr på min økonomi', targetDate: '2026-03-31', status: 'partly_achieved' })]);
    const [g] = diffPlans(a, b).goals;
    expect(g).toMatchObject({ id: 'g1', kind: 'changed', title: 'Få styr på min økonomi', actions: [] });
    expect(g!.fields).toEqual([
      { field: 'title', before: 'Få styr på økonomien', after: 'Få styr på min økonomi' },
      { field: 'targetDate', before: '2025-12-31', after: '2026-03-31' },
      { field: 'status', before: 'active', after: 'partly_achieved' },
    ]);
  });

  it('sees a goal moved to another person, domain or horizon, and a legal requirement marked', () => {
    const a = plan([goal('g1')]);
    const b = plan([goal('g1', { personId: P1, domain: 'economy', horizon: 'long', legalRequirement: 'LAB § 30 b' })]);
    expect(diffPlans(a, b).goals[0]!.fields.map((f) => f.field)).toEqual(['personId', 'domain', 'horizon', 'legalRequirement']);
  });

  it('compares Goal Attainment Scaling level by level, and as a whole when written or taken away', () => {
    const changed = diffPlans(plan([goal('g1', { gas })]), plan([goal('g1', { gas: { ...gas, '1': 'Bolig tilbudt i kommunen' } })]));
    expect(changed.goals[0]!.fields).toEqual([{ field: 'gas.1', before: 'Bolig tilbudt', after: 'Bolig tilbudt i kommunen' }]);
    const written = diffPlans(plan([goal('g1')]), plan([goal('g1', { gas })]));
    expect(written.goals[0]!.fields).toEqual([{ field: 'gas', before: null, after: gas }]);
    const dropped = diffPlans(plan([goal('g1', { gas })]), plan([goal('g1')]));
    expect(dropped.goals[0]!.fields).toEqual([{ field: 'gas', before: gas, after: null }]);
  });

  it('reports a goal whose own fields are unchanged as changed when one of its actions changed', () => {
    const a = plan([goal('g1', { actions: [action('a1'), action('a2')] })]);
    const b = plan([goal('g1', { actions: [action('a1', { due: '2025-07-01' }), action('a3')] })]);
    const [g] = diffPlans(a, b).goals;
    expect(g!.kind).toBe('changed');
    expect(g!.fields).toEqual([]);
    expect(g!.actions).toEqual([
      expect.objectContaining({ id: 'a1', kind: 'changed', fields: [{ field: 'due', before: '2025-06-01', after: '2025-07-01' }] }),
      expect.objectContaining({ id: 'a3', kind: 'added', before: null }),
      expect.objectContaining({ id: 'a2', kind: 'removed', after: null }),
    ]);
  });

  it('leaves unchanged goals out and lists added and changed goals in the new order, removed ones last', () => {
    const a = plan([goal('g1'), goal('g2'), goal('g3')]);
    const b = plan([goal('g4'), goal('g3', { title: 'Nyt' }), goal('g1')]);
    expect(diffPlans(a, b).goals.map((g) => [g.id, g.kind])).toEqual([
      ['g4', 'added'],
      ['g3', 'changed'],
      ['g2', 'removed'],
    ]);
  });

  it('matches goals by id, so a goal retitled is changed, not removed and added', () => {
    const d = diffPlans(plan([goal('g1', { title: 'A' })]), plan([goal('g1', { title: 'B' })]));
    expect(d.goals.map((g) => g.kind)).toEqual(['changed']);
  });
});

describe('diffActions', () => {
  it('sees a different responsible (a staff user instead of a department) and ignores key order', () => {
    const before = action('a1', { responsible: { kind: 'department', departmentId: D1 } });
    const after = action('a1', { responsible: { kind: 'staff', userId: U1 } });
    expect(diffActions([before], [after])[0]!.fields).toEqual([
      { field: 'responsible', before: { kind: 'department', departmentId: D1 }, after: { kind: 'staff', userId: U1 } },
    ]);
    const reordered = { ...before, responsible: { departmentId: D1, kind: 'department' as const } };
    expect(diffActions([before], [reordered])).toEqual([]);
  });

  it('sees an action marked done and its text changed', () => {
    const [c] = diffActions([action('a1')], [action('a1', { what: 'Ring til boligselskabet', doneAt: '2025-05-20' })]);
    expect(c).toMatchObject({ kind: 'changed', what: 'Ring til boligselskabet' });
    expect(c!.fields.map((f) => f.field)).toEqual(['what', 'doneAt']);
  });
});

describe('diffBaseline', () => {
  it('matches baselines by life domain: added, changed score and text, removed', () => {
    const a = [
      { domain: 'economy', score: 2, text: 'Gæld' },
      { domain: 'housing', score: 5, text: '' },
    ];
    const b = [
      { domain: 'economy', score: 4, text: 'Gæld, afdrag aftalt' },
      { domain: 'health', score: 7, text: 'Godt' },
    ];
    expect(diffBaseline(a, b)).toEqual([
      {
        domain: 'economy',
        kind: 'changed',
        before: a[0],
        after: b[0],
        fields: [
          { field: 'score', before: 2, after: 4 },
          { field: 'text', before: 'Gæld', after: 'Gæld, afdrag aftalt' },
        ],
      },
      { domain: 'health', kind: 'added', before: null, after: b[1], fields: [] },
      { domain: 'housing', kind: 'removed', before: a[1], after: null, fields: [] },
    ]);
  });
});

describe('sameValue', () => {
  it('treats a missing field in an older snapshot as null', () => {
    const older = { ...goal('g1') } as Partial<SnapshotGoal>;
    delete older.legalRequirement;
    expect(sameValue(older.legalRequirement, null)).toBe(true);
    expect(diffPlans(plan([older as SnapshotGoal]), plan([goal('g1')])).unchanged).toBe(true);
  });

  it('tells different values apart', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue('', null)).toBe(false);
  });
});
