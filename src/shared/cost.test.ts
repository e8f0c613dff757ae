import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH, DAYS_PER_YEAR, costInWindow, monthlyCost } from './cost.js';

const window = ['2019-01-01', '2020-01-01'] as const; // [start, endExclusive): 365 days

describe('costInWindow', () => {
  it('counts days inclusively within the window', () => {
    expect(costInWindow({ from: '2019-01-01', to: '2019-01-10', price: { amount: 100, per: 'day' } }, ...window)).toBe(1000);
  });

  it('clips an intervention to the window, an open end running to the window end', () => {
    expect(costInWindow({ from: '2018-06-01', to: null, price: { amount: 1, per: 'day' } }, ...window)).toBe(365);
    expect(costInWindow({ from: '2019-12-31', to: '2020-05-01', price: { amount: 1, per: 'day' } }, ...window)).toBe(1);
  });

  it('counts nothing outside the window (the end is exclusive)', () => {
    expect(costInWindow({ from: '2020-01-01', to: null, price: { amount: 1, per: 'day' } }, ...window)).toBe(0);
    expect(costInWindow({ from: '2018-01-01', to: '2018-12-31', price: { amount: 1, per: 'day' } }, ...window)).toBe(0);
  });

  it('converts weeks, months, years and hours by days', () => {
    const from = '2019-01-01';
    const to = '2019-01-14'; // 14 days
    expect(costInWindow({ from, to, price: { amount: 700, per: 'week' } }, ...window)).toBe(1400);
    expect(costInWindow({ from, to, price: { amount: 30437.5, per: 'month' } }, ...window)).toBeCloseTo(14_000, 9);
    expect(costInWindow({ from, to, price: { amount: 36525, per: 'year' } }, ...window)).toBeCloseTo(1400, 9);
    expect(costInWindow({ from, to, price: { amount: 500, per: 'hour' }, hoursPerWeek: 3 }, ...window)).toBe(3000);
  });

  it('counts a one-off price in full when it starts in the window', () => {
    expect(costInWindow({ from: '2019-06-01', to: null, price: { amount: 25_000, per: 'once' } }, ...window)).toBe(25_000);
    expect(costInWindow({ from: '2018-06-01', to: '2019-06-01', price: { amount: 25_000, per: 'once' } }, ...window)).toBe(0);
  });

  it('includes a leap day', () => {
    expect(costInWindow({ from: '2020-02-01', to: '2020-02-29', price: { amount: 1, per: 'day' } }, '2020-01-01', '2021-01-01')).toBe(29);
  });
});

describe('monthlyCost', () => {
  it('normalises every unit to an average month', () => {
    expect(monthlyCost({ from: '2019-01-01', to: null, price: { amount: 10_000, per: 'month' } })).toBeCloseTo(10_000, 9);
    expect(monthlyCost({ from: '2019-01-01', to: null, price: { amount: 100, per: 'day' } })).toBeCloseTo(100 * DAYS_PER_MONTH, 9);
    expect(monthlyCost({ from: '2019-01-01', to: null, price: { amount: 120_000, per: 'year' } })).toBeCloseTo((120_000 * DAYS_PER_MONTH) / DAYS_PER_YEAR, 9);
    expect(monthlyCost({ from: '2019-01-01', to: null, price: { amount: 500, per: 'hour' }, hoursPerWeek: 2 })).toBeCloseTo((1000 / 7) * DAYS_PER_MONTH, 9);
    expect(monthlyCost({ from: '2019-01-01', to: null, price: { amount: 5000, per: 'once' } })).toBe(0);
  });
});
