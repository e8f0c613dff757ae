import { describe, expect, it } from 'vitest';
import { finalisedAtOf, isFinalised } from './journal.js';

const created = new Date('2026-03-10T09:00:00Z');

describe('isFinalised', () => {
  it.each<[string, Date | null, string, boolean]>([
    ['a fresh draft', null, '2026-03-10T09:00:01Z', false],
    ['a draft one second short of 24 hours', null, '2026-03-11T08:59:59Z', false],
    ['a note exactly 24 hours old', null, '2026-03-11T09:00:00Z', true],
    ['a note older than 24 hours', null, '2026-03-12T09:00:00Z', true],
    ['a note its author finalised', new Date('2026-03-10T09:05:00Z'), '2026-03-10T09:06:00Z', true],
  ])('%s: %s', (_, finalisedAt, now, expected) => {
    expect(isFinalised({ createdAt: created, finalisedAt }, new Date(now))).toBe(expected);
  });
});

describe('finalisedAtOf', () => {
  it('is the author’s finalisation, or 24 hours after creation', () => {
    expect(finalisedAtOf({ createdAt: created, finalisedAt: new Date('2026-03-10T10:00:00Z') }).toISOString()).toBe('2026-03-10T10:00:00.000Z');
    expect(finalisedAtOf({ createdAt: created, finalisedAt: null }).toISOString()).toBe('2026-03-11T09:00:00.000Z');
  });
});
