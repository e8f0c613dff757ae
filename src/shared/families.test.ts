import { describe, expect, it } from 'vitest';
import { FAMILY_NAMES_SHOWN, familySurnames, PhoneSchema, UpdatePersonBody } from './families.js';

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

describe('PhoneSchema', () => {
  it.each(['12345678', '12 34 56 78', '+45 12 34 56 78', '(+45) 1234-5678', '', '  '])('takes %j', (phone) => {
    expect(PhoneSchema.safeParse(phone).success).toBe(true);
  });

  it.each(['abc', '12 ab 34', '1234', '+', '12345678 ext. 2'])('refuses %j with the phone message', (phone) => {
    const r = PhoneSchema.safeParse(phone);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('phone');
  });

  it('checks a new member’s and a changed person’s phone', () => {
    expect(UpdatePersonBody.safeParse({ phone: 'abc', version: 1 }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['phone', 'phone']]);
    expect(UpdatePersonBody.safeParse({ phone: null, version: 1 }).success).toBe(true);
  });
});
