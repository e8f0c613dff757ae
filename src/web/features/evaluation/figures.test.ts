import { describe, expect, it } from 'vitest';
import { chartCount, formatCount, formatKroner, formatMean, formatShare, niceMax, NO_VALUE } from './figures';

describe('evaluation figures', () => {
  it('shows a hidden count as "<5" and draws nothing for it', () => {
    expect(formatCount('<5')).toBe('<5');
    expect(chartCount('<5')).toBeNull();
    expect(formatCount(1234)).toBe('1.234');
    expect(chartCount(0)).toBe(0);
  });

  it('writes shares and means with one decimal in the language, and a dash when there is none', () => {
    expect(formatShare(0.625, 'da')).toBe('62,5 %');
    expect(formatShare(0.625, 'en')).toBe('62.5 %');
    expect(formatShare(null, 'da')).toBe(NO_VALUE);
    expect(formatMean(14.55441478439425, 'da')).toBe('14,6');
    expect(formatKroner(126805.72)).toMatch(/^126\.806\s?kr\.$/);
  });

  it('rounds a chart axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.6, 7, 12, 160724.7].map(niceMax)).toEqual([1, 1, 10, 20, 200000]);
  });
});
