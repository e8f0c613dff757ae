import { describe, expect, it } from 'vitest';
import { beforePlanStart, isStaleDraft, markCurrent, nextVersionNumber, reviewDateProblem, signOffProblem, type Membership } from './plan-versioning.js';

describe('nextVersionNumber', () => {
  it('numbers the first version 1', () => {
    expect(nextVersionNumber([])).toBe(1);
  });
  it('numbers the next version one past the highest, whatever the order', () => {
    expect(nextVersionNumber([1, 2, 3])).toBe(4);
    expect(nextVersionNumber([3, 1, 2])).toBe(4);
  });
});

describe('markCurrent', () => {
  const versions = [{ id: 'v3' }, { id: 'v2' }, { id: 'v1' }];
  it('marks exactly the version the plan points at as current', () => {
    const marked = markCurrent(versions, 'v3');
    expect(marked.filter((v) => v.current).map((v) => v.id)).toEqual(['v3']);
  });
  it('marks none before the first publication', () => {
    expect(markCurrent([], null)).toEqual([]);
  });
  it('refuses a plan pointing at a version it does not have', () => {
    expect(() => markCurrent(versions, 'v9')).toThrow();
  });
});

describe('isStaleDraft', () => {
  it('accepts a write from the stored draft version and refuses one from any other', () => {
    expect(isStaleDraft(4, 4)).toBe(false);
    expect(isStaleDraft(4, 3)).toBe(true);
    expect(isStaleDraft(4, 5)).toBe(true);
    expect(isStaleDraft(0, 0)).toBe(false);
  });
});

describe('reviewDateProblem', () => {
  it('accepts today and later, refuses a date in the past', () => {
    expect(reviewDateProblem('2025-05-10', '2025-05-10')).toBeNull();
    expect(reviewDateProblem('2025-11-10', '2025-05-10')).toBeNull();
    expect(reviewDateProblem('2025-05-09', '2025-05-10')).toBe('date_in_past');
  });
});

describe('beforePlanStart', () => {
  it('refuses only a date before the start; no date is fine', () => {
    expect(beforePlanStart('2025-01-31', '2025-02-01')).toBe(true);
    expect(beforePlanStart('2025-02-01', '2025-02-01')).toBe(false);
    expect(beforePlanStart(null, '2025-02-01')).toBe(false);
    expect(beforePlanStart(undefined, '2025-02-01')).toBe(false);
  });
});

describe('signOffProblem', () => {
  const parent: Membership = { role: 'parent', birthDate: '1985-03-03', from: '2024-01-01', to: null };
  const child = (birthDate: string): Membership => ({ role: 'child', birthDate, from: '2024-01-01', to: null });
  const published = '2025-03-01';
  const today = '2025-05-10';

  it('lets a parent sign on or after the publication, up to today', () => {
    expect(signOffProblem(parent, '2025-03-01', published, today)).toBeNull();
    expect(signOffProblem(parent, today, published, today)).toBeNull();
  });
  it('lets a child sign from the 15th birthday', () => {
    expect(signOffProblem(child('2010-05-10'), '2025-05-10', published, today)).toBeNull();
    expect(signOffProblem(child('2010-05-11'), '2025-05-10', published, today)).toEqual({ path: 'personId', message: 'sign_off_not_allowed' });
  });
  it('refuses another member of the household', () => {
    expect(signOffProblem({ ...parent, role: 'other' }, '2025-04-01', published, today)).toEqual({ path: 'personId', message: 'sign_off_not_allowed' });
  });
  it('refuses someone not a member of the family on the day', () => {
    expect(signOffProblem(undefined, '2025-04-01', published, today)).toEqual({ path: 'personId', message: 'unknown_person' });
    expect(signOffProblem({ ...parent, to: '2025-03-31' }, '2025-04-01', published, today)).toEqual({ path: 'personId', message: 'unknown_person' });
    expect(signOffProblem({ ...parent, from: '2025-04-02' }, '2025-04-01', published, today)).toEqual({ path: 'personId', message: 'unknown_person' });
  });
  it('refuses a signature dated in the future or before the version was published', () => {
    expect(signOffProblem(parent, '2025-05-11', published, today)).toEqual({ path: 'signedAt', message: 'date_in_future' });
    expect(signOffProblem(parent, '2025-02-28', published, today)).toEqual({ path: 'signedAt', message: 'sign_off_before_publication' });
  });
});
