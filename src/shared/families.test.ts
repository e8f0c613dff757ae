import { describe, expect, it } from 'vitest';
import { FAMILY_NAMES_SHOWN, familySurnames } from './families.js';

describe('familySurnames', () => {
  it('gives each surname once, in the order given (the members’ order: parents first)', () => {
    expect(familySurnames(['Ørsted', 'Hansen', 'Ørsted', 'Ali'])).toEqual(['Ørsted', 'Hansen', 'Ali']);
  });

  it(`shows at most ${FAMILY_NAMES_SHOWN} names, the first ones`, () => {
    expect(familySurnames(['Dahl', 'Ali', 'Cohen', 'Berg'])).toEqual(['Dahl', 'Ali', 'Cohen']);
    expect(familySurnames(['Dahl', 'Dahl', 'Ali', 'Dahl', 'Cohen', 'Berg'])).toEqual(['Dahl', 'Ali', 'Cohen']);
  });

  it('leaves out blank and missing names, and trims the rest', () => {
    expect(familySurnames(['', '  ', null, undefined, ' Holm ', 'Holm'])).toEqual(['Holm']);
    expect(familySurnames([])).toEqual([]);
  });
});
