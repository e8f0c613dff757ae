import type { IsoDate } from './dates.js';
import { isRealDate } from './dates.js';

/** The legally registered sex, from the CPR number's last digit. */
export type LegalSex = 'female' | 'male';

export type CprResult =
  | {
      ok: true;
      /** Ten digits, no hyphen. */
      cpr: string;
      birthDate: IsoDate;
      sex: LegalSex;
      /** False when the number fails modulus 11: allowed (numbers without check digit exist since 2007), only a warning. */
      modulus11: boolean;
    }
  | { ok: false; error: 'cpr_format' | 'cpr_date' };

const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/** Century from the 7th digit and the two-digit year (DESIGN.md, CPR numbers). */
export function cprCentury(seventh: number, yy: number): number {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

export function passesModulus11(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * WEIGHTS[i]!;
  return sum % 11 === 0;
}

/**
 * Validates a CPR number: DDMMYYSSSS, a hyphen after the sixth digit allowed. Valid means the six digits
 * form a real date once the century is known. Never rejected for modulus 11.
 */
export function parseCpr(input: string): CprResult {
  const trimmed = input.trim();
  if (!/^\d{6}-?\d{4}$/.test(trimmed)) return { ok: false, error: 'cpr_format' };
  const cpr = trimmed.replace('-', '');
  const dd = Number(cpr.slice(0, 2));
  const mm = Number(cpr.slice(2, 4));
  const yy = Number(cpr.slice(4, 6));
  const year = cprCentury(Number(cpr[6]), yy) + yy;
  if (!isRealDate(year, mm, dd)) return { ok: false, error: 'cpr_date' };
  return {
    ok: true,
    cpr,
    birthDate: `${year}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`,
    sex: Number(cpr[9]) % 2 === 1 ? 'male' : 'female',
    modulus11: passesModulus11(cpr),
  };
}

/** Shown by default: the birth date part and a masked serial, e.g. 010170-xxxx. */
export function maskCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-xxxx`;
}

/** Ten digits shaped like a CPR number (DDMMYY-SSSS, hyphen optional), not part of a longer number. */
const CPR_LIKE = /(?<!\d)\d{6}-?\d{4}(?!\d)/g;

/**
 * Text with anything shaped like a CPR number blanked out, for what leaves the case file (an invitation) or
 * describes a search (the audit trail): CPR never appears there, even when someone typed it into free text.
 */
export function withoutCpr(text: string): string {
  return text.replace(CPR_LIKE, '••••••-••••');
}
