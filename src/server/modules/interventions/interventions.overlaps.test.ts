import { describe, expect, it } from 'vitest';
import { findOverlaps, type OverlapCandidate } from './interventions.overlaps.js';

const P1 = 'p1';
const P2 = 'p2';

/** An intervention for the tests: person, type and category by short names, period by dates. */
function iv(id: string, personId: string | null, typeId: string, category: string, from: string, to: string | null): OverlapCandidate {
  return { id, personId, typeId, category, from, to };
}

type Row = [name: string, a: OverlapCandidate, b: OverlapCandidate, expected: 'same_category' | 'same_type' | null];

const cases: Row[] = [
  ['same person, same category, periods overlap', iv('a', P1, 'mentor', 'employment', '2024-01-01', '2024-06-30'), iv('b', P1, 'job_training', 'employment', '2024-03-01', '2024-12-31'), 'same_category'],
  ['sharing exactly one day overlaps', iv('a', P1, 'mentor', 'employment', '2024-01-01', '2024-03-01'), iv('b', P1, 'job_training', 'employment', '2024-03-01', '2024-04-01'), 'same_category'],
  ['adjacent days do not overlap', iv('a', P1, 'mentor', 'employment', '2024-01-01', '2024-02-29'), iv('b', P1, 'job_training', 'employment', '2024-03-01', '2024-04-01'), null],
  ['a one-day intervention inside another overlaps', iv('a', P1, 'mentor', 'employment', '2024-01-01', '2024-12-31'), iv('b', P1, 'job_training', 'employment', '2024-05-05', '2024-05-05'), 'same_category'],
  ['an open end overlaps everything after its start', iv('a', P1, 'mentor', 'employment', '2020-01-01', null), iv('b', P1, 'job_training', 'employment', '2030-01-01', '2030-01-31'), 'same_category'],
  ['an open end does not reach back before its start', iv('a', P1, 'mentor', 'employment', '2024-01-01', '2024-01-31'), iv('b', P1, 'job_training', 'employment', '2024-02-01', null), null],
  ['two open ends overlap', iv('a', P1, 'mentor', 'employment', '2024-01-01', null), iv('b', P1, 'job_training', 'employment', '2025-01-01', null), 'same_category'],
  ['the same type twice at once is named as such', iv('a', P1, 'mentor', 'employment', '2024-01-01', '2024-06-30'), iv('b', P1, 'mentor', 'employment', '2024-06-01', null), 'same_type'],
  ['the same type one after the other does not overlap', iv('a', P1, 'mentor', 'employment', '2024-01-01', '2024-05-31'), iv('b', P1, 'mentor', 'employment', '2024-06-01', null), null],
  ['the same type for different persons does not overlap', iv('a', P1, 'mentor', 'employment', '2024-01-01', null), iv('b', P2, 'mentor', 'employment', '2024-01-01', null), null],
  ['same category for different persons does not overlap', iv('a', P1, 'mentor', 'employment', '2024-01-01', null), iv('b', P2, 'job_training', 'employment', '2024-01-01', null), null],
  ['different categories for the same person do not overlap', iv('a', P1, 'mentor', 'employment', '2024-01-01', null), iv('b', P1, 'therapy', 'family_support', '2024-01-01', null), null],
  ['two whole-family interventions count as the same "person"', iv('a', null, 'therapy', 'family_support', '2024-01-01', null), iv('b', null, 'home_help', 'family_support', '2024-02-01', '2024-03-01'), 'same_category'],
  ['a whole-family intervention is for each member too, so it overlaps a member’s own', iv('a', null, 'therapy', 'family_support', '2024-01-01', null), iv('b', P1, 'therapy', 'family_support', '2024-01-01', null), 'same_type'],
  ['a whole-family intervention overlaps a member’s of the same category', iv('a', null, 'therapy', 'family_support', '2024-01-01', null), iv('b', P1, 'home_help', 'family_support', '2024-06-01', null), 'same_category'],
  ['two members’ own interventions are different persons', iv('a', P1, 'therapy', 'family_support', '2024-01-01', null), iv('b', P2, 'therapy', 'family_support', '2024-01-01', null), null],
  ['identical periods overlap', iv('a', P1, 'mentor', 'employment', '2024-01-01', '2024-01-31'), iv('b', P1, 'job_training', 'employment', '2024-01-01', '2024-01-31'), 'same_category'],
];

describe('findOverlaps', () => {
  it.each(cases)('%s', (_name, a, b, expected) => {
    for (const input of [[a, b], [b, a]]) {
      const found = findOverlaps(input);
      if (expected === null) expect(found).toEqual([]);
      else expect(found.map((o) => [o.a.id, o.b.id, o.reason])).toEqual([['a', 'b', expected]]);
    }
  });

  it('orders a pair by start date, then by id, whatever the input order', () => {
    const late = iv('z', P1, 'mentor', 'employment', '2024-01-01', null);
    const early = iv('y', P1, 'job_training', 'employment', '2024-01-01', null);
    expect(findOverlaps([late, early]).map((o) => [o.a.id, o.b.id])).toEqual([['y', 'z']]);
  });

  it('gives the shared period: the later start to the earlier end', () => {
    const [o] = findOverlaps([iv('a', P1, 'm', 'c', '2024-01-01', '2024-06-30'), iv('b', P1, 'n', 'c', '2024-03-01', '2024-12-31')]);
    expect(o!.period).toEqual({ from: '2024-03-01', to: '2024-06-30' });
    const [open] = findOverlaps([iv('a', P1, 'm', 'c', '2024-01-01', null), iv('b', P1, 'n', 'c', '2024-03-01', null)]);
    expect(open!.period).toEqual({ from: '2024-03-01', to: null });
  });

  it('finds every overlapping pair among several, and skips those that have stopped before the next starts', () => {
    const long = iv('long', P1, 'mentor', 'employment', '2024-01-01', null);
    const first = iv('first', P1, 'course', 'employment', '2024-02-01', '2024-02-28');
    const second = iv('second', P1, 'course', 'employment', '2024-03-01', '2024-03-31');
    const third = iv('third', P1, 'mentor', 'employment', '2024-03-15', '2024-04-30');
    expect(findOverlaps([third, second, first, long]).map((o) => [o.a.id, o.b.id, o.reason])).toEqual([
      ['long', 'first', 'same_category'],
      ['long', 'second', 'same_category'],
      ['long', 'third', 'same_type'],
      ['second', 'third', 'same_category'],
    ]);
  });

  it('looks past a short intervention to a later one that still overlaps a long one', () => {
    const long = iv('a', P1, 'x', 'c', '2024-01-01', '2024-12-31');
    const short = iv('b', P1, 'y', 'c', '2024-02-01', '2024-02-02');
    const later = iv('c', P1, 'z', 'c', '2024-06-01', null);
    expect(findOverlaps([long, short, later]).map((o) => [o.a.id, o.b.id])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
  });

  it('says whom a pair is about: the member when one of the two is for the whole family, null when both are', () => {
    const family = iv('f', null, 'therapy', 'family_support', '2024-01-01', null);
    const mine = iv('m', P1, 'home_help', 'family_support', '2024-02-01', null);
    const alsoFamily = iv('g', null, 'home_help', 'family_support', '2024-03-01', null);
    expect(findOverlaps([family, mine, alsoFamily]).map((o) => [o.a.id, o.b.id, o.personId])).toEqual([
      ['f', 'm', P1],
      ['f', 'g', null],
      ['m', 'g', P1],
    ]);
  });

  it('finds nothing in an empty list or a single intervention', () => {
    expect(findOverlaps([])).toEqual([]);
    expect(findOverlaps([iv('a', P1, 'x', 'c', '2024-01-01', null)])).toEqual([]);
  });

  it('keeps the caller\'s own fields on both sides', () => {
    const a = { ...iv('a', P1, 'x', 'c', '2024-01-01', null), departmentName: 'Jobcenter' };
    const b = { ...iv('b', P1, 'y', 'c', '2024-01-01', null), departmentName: 'Børn og Familie' };
    const [o] = findOverlaps([a, b]);
    expect([o!.a.departmentName, o!.b.departmentName]).toEqual(['Jobcenter', 'Børn og Familie']);
  });
});
