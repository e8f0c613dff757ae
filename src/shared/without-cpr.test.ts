import { describe, expect, it } from 'vitest';
import { withoutCpr } from './cpr.js';

describe('withoutCpr', () => {
  it.each([
    ['Mor (010285-1234) deltager', 'Mor (••••••-••••) deltager'],
    ['cpr 0102851234.', 'cpr ••••••-••••.'],
    ['to numre 010285-1234 og 0202902345', 'to numre ••••••-•••• og ••••••-••••'],
  ])('blanks a CPR-shaped number in %j', (input, expected) => {
    expect(withoutCpr(input)).toBe(expected);
  });

  it.each(['Mødet kl. 10.00–11.30 i lokale 2.14', 'tlf. 12345678', 'sag 12345678901', '2025-03-01'])('leaves other numbers alone: %j', (input) => {
    expect(withoutCpr(input)).toBe(input);
  });
});
