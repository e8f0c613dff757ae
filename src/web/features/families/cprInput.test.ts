import { describe, expect, it } from 'vitest';
import { cprFeedback, formatCprInput } from './cprInput';

describe('formatCprInput', () => {
  it('puts the hyphen after the sixth digit as the user types', () => {
    expect(formatCprInput('0101')).toBe('0101');
    expect(formatCprInput('010190')).toBe('010190');
    expect(formatCprInput('0101901')).toBe('010190-1');
    expect(formatCprInput('0101901234')).toBe('010190-1234');
  });

  it('drops what is not a digit and stops at ten digits', () => {
    expect(formatCprInput('010190 1234')).toBe('010190-1234');
    expect(formatCprInput('010190-12345')).toBe('010190-1234');
    expect(formatCprInput('abc')).toBe('');
  });
});

describe('cprFeedback', () => {
  it('derives the birth date with the century rule and the legal sex from the last digit', () => {
    expect(cprFeedback('010190-1234')).toMatchObject({ kind: 'valid', birthDate: '1990-01-01', sex: 'female' });
    // 7th digit 4 and YY ≤ 36: born in the 2000s.
    expect(cprFeedback('150315-4001')).toMatchObject({ kind: 'valid', birthDate: '2015-03-15', sex: 'male' });
  });

  it('only warns about modulus 11, never refuses for it', () => {
    const r = cprFeedback('010190-1234');
    expect(r.kind).toBe('valid');
    if (r.kind === 'valid') expect(r.modulus11).toBe(false);
  });

  it('says nothing before the number is complete, and names an impossible date', () => {
    expect(cprFeedback('')).toEqual({ kind: 'empty' });
    expect(cprFeedback('010190-12')).toEqual({ kind: 'incomplete' });
    expect(cprFeedback('310290-1234')).toEqual({ kind: 'invalid', error: 'cpr_date' });
  });
});
