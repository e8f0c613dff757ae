import { describe, expect, it } from 'vitest';
import { cprCentury, maskCpr, parseCpr, passesModulus11 } from './cpr.js';

describe('parseCpr', () => {
  it('accepts ten digits and derives birth date and legal sex', () => {
    expect(parseCpr('1710920284')).toEqual({ ok: true, cpr: '1710920284', birthDate: '1992-10-17', sex: 'female', modulus11: expect.any(Boolean) });
  });

  it('accepts a hyphen after the sixth digit', () => {
    expect(parseCpr('120110-9199')).toMatchObject({ ok: true, cpr: '1201109199' });
  });

  it.each([
    ['0101001234', '1900-01-01'], // 7th digit 1: 1900s
    ['0101364234', '2036-01-01'], // 4 and YY ≤ 36: 2000s
    ['0101374234', '1937-01-01'], // 4 and YY > 36: 1900s
    ['0101369234', '2036-01-01'], // 9 and YY ≤ 36: 2000s
    ['0101579234', '1957-01-01'], // 9 and YY > 36: 1900s
    ['0101575234', '2057-01-01'], // 5–8 and YY ≤ 57: 2000s
    ['0101585234', '1858-01-01'], // 5–8 and YY > 57: 1800s
    ['0101998234', '1899-01-01'],
  ])('puts %s in the right century (%s)', (cpr, birthDate) => {
    expect(parseCpr(cpr)).toMatchObject({ ok: true, birthDate });
  });

  it('rejects a date that does not exist once the century is known', () => {
    expect(parseCpr('2902001234')).toEqual({ ok: false, error: 'cpr_date' }); // 1900 was no leap year
    expect(parseCpr('2902004234')).toMatchObject({ ok: true, birthDate: '2000-02-29' }); // 2000 was
    expect(parseCpr('3204901234')).toEqual({ ok: false, error: 'cpr_date' });
    expect(parseCpr('0013901234')).toEqual({ ok: false, error: 'cpr_date' });
  });

  it('rejects anything but ten digits with an optional hyphen', () => {
    for (const bad of ['', '123', '12345678901', '010190 1234', '010190-12a4', '01-0190-1234']) {
      expect(parseCpr(bad)).toEqual({ ok: false, error: 'cpr_format' });
    }
  });

  it('never rejects for modulus 11, only reports it', () => {
    const r = parseCpr('0101901235');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.modulus11).toBe(passesModulus11('0101901235'));
  });

  it('reads the legal sex from the last digit: odd male, even female', () => {
    expect(parseCpr('0101901231')).toMatchObject({ sex: 'male' });
    expect(parseCpr('0101901232')).toMatchObject({ sex: 'female' });
  });
});

describe('modulus 11', () => {
  it('passes a number whose weighted sum divides by 11', () => {
    expect(passesModulus11('0707614285')).toBe(true);
    expect(passesModulus11('0707614286')).toBe(false);
  });
});

describe('cprCentury', () => {
  it('follows the table in DESIGN.md', () => {
    expect(cprCentury(0, 99)).toBe(1900);
    expect(cprCentury(3, 0)).toBe(1900);
    expect(cprCentury(4, 36)).toBe(2000);
    expect(cprCentury(9, 37)).toBe(1900);
    expect(cprCentury(8, 57)).toBe(2000);
    expect(cprCentury(6, 58)).toBe(1800);
  });
});

describe('maskCpr', () => {
  it('shows the date part and hides the serial', () => {
    expect(maskCpr('1710920284')).toBe('171092-xxxx');
  });
});
