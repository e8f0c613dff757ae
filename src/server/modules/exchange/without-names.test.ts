import { describe, expect, it } from 'vitest';
import { NAME_PLACEHOLDER, withoutNames } from './export.service.js';

const N = NAME_PLACEHOLDER;

describe('withoutNames (pseudonymised goal titles)', () => {
  it('blanks the members’ given and family names, whole words, whatever the case, with a genitive s', () => {
    expect(withoutNames('Yusuf kommer i skole hver dag', ['Yusuf', 'Hansen'])).toBe(`${N} kommer i skole hver dag`);
    expect(withoutNames('Yusufs skolegang og familien hansens økonomi', ['Yusuf', 'Hansen'])).toBe(`${N} skolegang og familien ${N} økonomi`);
    expect(withoutNames("Ali's job", ['Ali'])).toBe(`${N} job`);
  });

  it('splits double names and keeps words that only contain a name', () => {
    expect(withoutNames('Anne og Mette laver mad', ['Anne-Mette Holm'])).toBe(`${N} og ${N} laver mad`);
    expect(withoutNames('Alibi og Holmegaard', ['Ali', 'Holm'])).toBe('Alibi og Holmegaard');
    expect(withoutNames('Åse får ro', ['Åse'])).toBe(`${N} får ro`);
  });

  it('leaves a text without names, and ignores one-letter and missing parts', () => {
    expect(withoutNames('Et fast job og B-vitamin', ['Amina', null, undefined, 'B'])).toBe('Et fast job og B-vitamin');
    expect(withoutNames('Et fast job', [])).toBe('Et fast job');
  });
});
