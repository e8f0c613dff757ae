import { describe, expect, it } from 'vitest';
import { formatDate, formatDkk, formatDkkExact, formatNumber, formatPeriod, parseAmount, todayIso } from './format';

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('formatDate', () => {
  it('writes calendar dates Danish style, and English style in English', () => {
    expect(formatDate('2025-02-03', 'da')).toBe('03.02.2025');
    expect(formatDate('2025-02-03', 'en')).toBe('03/02/2025');
  });

  it('shows nothing for a missing date and leaves what it cannot read as it is', () => {
    expect(formatDate(null, 'da')).toBe('');
    expect(formatDate('snart', 'da')).toBe('snart');
  });

  it('marks an open-ended period with an ellipsis', () => {
    expect(formatPeriod('2025-03-01', null, 'da')).toBe('01.03.2025 – …');
    expect(formatPeriod('2025-03-01', '2025-12-31', 'da')).toBe('01.03.2025 – 31.12.2025');
  });
});

describe('amounts', () => {
  it('shows running costs in whole kroner with Danish separators', () => {
    expect(nbsp(formatDkk(12345.67))).toBe('12.346 kr.');
    expect(nbsp(formatDkk(0))).toBe('0 kr.');
  });

  it('keeps øre on a price that has them', () => {
    expect(nbsp(formatDkkExact(432.5))).toBe('432,5 kr.');
    expect(nbsp(formatDkkExact(1200))).toBe('1.200 kr.');
    expect(formatNumber(7.5)).toBe('7,5');
  });
});

describe('parseAmount', () => {
  it('reads amounts typed the Danish way', () => {
    expect(parseAmount('1.234,50')).toBe(1234.5);
    expect(parseAmount('432,5')).toBe(432.5);
    expect(parseAmount('12.000')).toBe(12000);
    expect(parseAmount('450 kr.')).toBe(450);
  });

  it('reads a decimal point too, and refuses what is not a number', () => {
    expect(parseAmount('432.50')).toBe(432.5);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('tolv')).toBeNull();
    expect(parseAmount('1,2,3')).toBeNull();
  });
});

describe('todayIso', () => {
  it('gives the date in Denmark, not in UTC', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Copenhagen.
    expect(todayIso(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
  });
});
