import { describe, expect, it } from 'vitest';
import example from '../../test/fixtures/exchange/example.kpis.json';
import { kpiTableRows, showKpis, KPI_KEYS, type KpiNumbers } from './evaluation-dashboard.js';
import { isSmallCount, showCount, suppressSmallCounts } from './suppression.js';

describe('the small-count rule', () => {
  it.each([
    [0, false],
    [1, true],
    [4, true],
    [5, false],
    [120, false],
  ])('treats %i as small: %s', (n, small) => {
    expect(isSmallCount(n)).toBe(small);
  });

  it('shows counts of 1–4 as "<5" and 0 and 5 exactly, unless exact', () => {
    expect([0, 1, 4, 5].map((n) => showCount(n, false))).toEqual([0, '<5', '<5', 5]);
    expect([0, 1, 4, 5].map((n) => showCount(n, true))).toEqual([0, 1, 4, 5]);
  });

  it('hides the share computed from a hidden count and flags the group', () => {
    expect(suppressSmallCounts({ n: 12, closer: 3, share: 0.25 }, ['n', 'closer'], false)).toEqual({ n: 12, closer: '<5', share: null, suppressed: true });
  });

  it('hides a mean over fewer than five', () => {
    expect(suppressSmallCounts({ n: 2, beforeMean: 1000.5, duringMean: 2000 }, ['n'], false)).toEqual({
      n: '<5',
      beforeMean: null,
      duringMean: null,
      suppressed: true,
    });
  });

  it('leaves a group without small counts as it is', () => {
    expect(suppressSmallCounts({ n: 10, out: 0, share: 0 }, ['n', 'out'], false)).toEqual({ n: 10, out: 0, share: 0, suppressed: false });
  });

  it('gives analysts every count exactly', () => {
    expect(suppressSmallCounts({ n: 3, closer: 1, share: 1 / 3 }, ['n', 'closer'], true)).toEqual({ n: 3, closer: 1, share: 1 / 3, suppressed: false });
  });
});

describe('showKpis', () => {
  const kpis = example as KpiNumbers;

  it('hides the small groups of the example for a manager and keeps the rest', () => {
    const shown = showKpis(kpis, false);
    expect(shown.goalProgress.completed).toEqual({ n: '<5', closer: '<5', share: null, suppressed: true });
    expect(shown.selfSupport.all).toEqual({ n: '<5', baseline: 0, followUp: '<5', baselineShare: null, followUpShare: null, suppressed: true });
    expect(shown.childrenOutOfSystem).toEqual({ n: 10, out: 6, share: 0.6, suppressed: false });
    expect(shown.costs).toEqual({ n: 6, beforeMean: kpis.costs.beforeMean, duringMean: kpis.costs.duringMean, suppressed: false });
    expect(shown.families).toEqual({ enrolled: 7, active: '<5', completed: '<5', suppressed: true });
  });

  it('shows the example exactly to an analyst', () => {
    const shown = showKpis(kpis, true);
    expect(shown.selfSupport.fathers).toEqual({ ...kpis.selfSupport.fathers, suppressed: false });
    expect(shown.duration).toEqual({ ...kpis.duration, suppressed: false });
  });
});

describe('kpiTableRows', () => {
  it('has a row per measure of every KPI, with its Danish definition and n', () => {
    const rows = kpiTableRows(showKpis(example as KpiNumbers, true), 'da');
    expect(new Set(rows.map((r) => r.key))).toEqual(new Set(KPI_KEYS));
    expect(rows.find((r) => r.key === 'childrenOutOfSystem' && r.measure === 'share')).toMatchObject({ n: 10, value: 0.6, label: 'Børn ude af systemet' });
    expect(rows.find((r) => r.key === 'families' && r.measure === 'enrolled')).toMatchObject({ n: null, value: 7 });
  });

  it('carries "<5" and an empty share for a manager', () => {
    const rows = kpiTableRows(showKpis(example as KpiNumbers, false), 'en');
    expect(rows.find((r) => r.key === 'selfSupport.fathers' && r.measure === 'followUpShare')).toMatchObject({ n: '<5', value: null, suppressed: true });
  });
});
