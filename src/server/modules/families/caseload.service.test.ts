import { describe, expect, it } from 'vitest';
import { sortCaseload } from './caseload.service.js';

type Family = Parameters<typeof sortCaseload>[0][number];

const family = (id: string, over: Partial<Family>): Family => ({
  id,
  familyNames: ['Hansen'],
  givenNames: ['Mette', 'Ida'],
  status: 'active',
  version: 1,
  memberCount: 2,
  enrolledAt: null,
  nextDeadline: null,
  lastContact: null,
  ...over,
});

const deadline = (date: string) => ({ date, kind: 'task' as const, overdue: false });

describe('the order of Min sagsstamme', () => {
  const list = [
    family('d', { familyNames: ['Ågård'], status: 'paused', nextDeadline: deadline('2027-01-10'), lastContact: '2026-12-01T09:00:00.000Z' }),
    family('a', { familyNames: ['Ørsted'], status: 'referred' }),
    family('c', { familyNames: ['de Vries'], status: 'active', nextDeadline: deadline('2026-12-05'), lastContact: '2026-12-06T09:00:00.000Z' }),
    family('b', { familyNames: ['Andersen'], status: 'active', nextDeadline: deadline('2026-12-05') }),
  ];

  it('puts families without a deadline or a contact last in either direction, and breaks ties by id', () => {
    expect(sortCaseload(list, 'nextDeadline', 'asc').map((f) => f.id)).toEqual(['b', 'c', 'd', 'a']);
    expect(sortCaseload(list, 'nextDeadline', 'desc').map((f) => f.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(sortCaseload(list, 'lastContact', 'desc').map((f) => f.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(sortCaseload(list, 'lastContact', 'asc').map((f) => f.id)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('orders status by the lifecycle and names in Danish alphabetical order', () => {
    expect(sortCaseload(list, 'status', 'asc').map((f) => f.status)).toEqual(['referred', 'active', 'active', 'paused']);
    expect(sortCaseload(list, 'status', 'desc').map((f) => f.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(sortCaseload(list, 'name', 'asc').map((f) => f.familyNames[0])).toEqual(['Andersen', 'de Vries', 'Ørsted', 'Ågård']);
  });

  it('leaves the list it is given as it was', () => {
    const before = list.map((f) => f.id);
    sortCaseload(list, 'nextDeadline', 'desc');
    expect(list.map((f) => f.id)).toEqual(before);
  });
});
