import { describe, expect, it } from 'vitest';
import { addDays, addMonths, covers, daysBetween, isIsoDate, periodsOverlap, todayInDenmark } from './dates.js';

describe('calendar dates', () => {
  it('recognises real dates only', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2019-02-29')).toBe(false);
    expect(isIsoDate('2019-13-01')).toBe(false);
    expect(isIsoDate('2019-1-01')).toBe(false);
  });

  it('adds months with the day clamped to the month end', () => {
    expect(addMonths('2016-08-31', 6)).toBe('2017-02-28');
    expect(addMonths('2019-08-31', 6)).toBe('2020-02-29');
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonths('2018-01-31', 1)).toBe('2018-02-28');
    expect(addMonths('2018-03-31', -1)).toBe('2018-02-28');
    expect(addMonths('2017-12-31', -12)).toBe('2016-12-31');
    expect(addMonths('2018-01-15', 24)).toBe('2020-01-15');
  });

  it('counts days across leap days', () => {
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2019-02-28', '2019-03-01')).toBe(1);
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(daysBetween('2019-01-01', '2018-01-01')).toBe(-365);
  });

  it('treats a period as covering both its ends, and an open end as ongoing', () => {
    expect(covers({ from: '2019-01-01', to: '2019-01-31' }, '2019-01-31')).toBe(true);
    expect(covers({ from: '2019-01-01', to: '2019-01-31' }, '2019-02-01')).toBe(false);
    expect(covers({ from: '2019-01-01', to: null }, '2030-01-01')).toBe(true);
    expect(covers({ from: '2019-01-01', to: null }, '2018-12-31')).toBe(false);
  });

  it('finds overlapping periods, sharing a single day included', () => {
    expect(periodsOverlap({ from: '2019-01-01', to: '2019-01-31' }, { from: '2019-01-31', to: null })).toBe(true);
    expect(periodsOverlap({ from: '2019-01-01', to: '2019-01-30' }, { from: '2019-01-31', to: null })).toBe(false);
    expect(periodsOverlap({ from: '2019-01-01', to: null }, { from: '2018-01-01', to: null })).toBe(true);
  });

  it("gives today's date in Copenhagen", () => {
    expect(todayInDenmark(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(todayInDenmark(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });
});
