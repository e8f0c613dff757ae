import { describe, expect, it } from 'vitest';
import { excerptOf } from './overview-work.js';

describe('excerptOf (the overview shows the start of a note)', () => {
  it('keeps a text of up to 200 characters whole', () => {
    expect(excerptOf('Kort.')).toBe('Kort.');
    expect(excerptOf('ø'.repeat(200))).toBe('ø'.repeat(200));
    expect(excerptOf('')).toBe('');
  });

  it('cuts a longer text at 200 and marks the cut', () => {
    expect(excerptOf('a'.repeat(201))).toBe(`${'a'.repeat(200)}…`);
    expect(excerptOf('æ'.repeat(500))).toHaveLength(201);
  });

  it('never cuts a character outside the basic plane in two', () => {
    const text = `${'Æ'.repeat(199)}😀slut`;
    expect(excerptOf(text)).toBe(`${'Æ'.repeat(199)}…`);
    expect(excerptOf(`${'Æ'.repeat(198)}😀slut`)).toBe(`${'Æ'.repeat(198)}😀…`);
    expect(excerptOf(`${'😀'.repeat(150)}`)).toBe(`${'😀'.repeat(100)}…`);
  });
});
