import { describe, expect, it } from 'vitest';
import { typeUsableOn } from './interventions.policy.js';

describe('typeUsableOn', () => {
  const type = { active: true, validFrom: '2024-01-01', validTo: '2024-12-31' };
  it.each([
    ['on its first day', type, '2024-01-01', true],
    ['on its last day', type, '2024-12-31', true],
    ['the day before it is valid', type, '2023-12-31', false],
    ['the day after it ran out', type, '2025-01-01', false],
    ['with no end, long after', { ...type, validTo: null }, '2040-01-01', true],
    ['when deactivated, even within its validity', { ...type, active: false }, '2024-06-01', false],
  ] as const)('a type %s is usable: %s', (_name, t, from, expected) => {
    expect(typeUsableOn(t, from)).toBe(expected);
  });
});
