import { parseCpr, type LegalSex } from '../../../shared/cpr';

/**
 * What a CPR field shows while typing: digits only, with the hyphen after the sixth digit
 * ("0101901234" → "010190-1234"), at most ten digits.
 */
export function formatCprInput(raw: string): string {
  const digits = raw.replace(/\D/g, '').slice(0, 10);
  return digits.length > 6 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits;
}

export type CprFeedback =
  | { kind: 'empty' }
  | { kind: 'incomplete' }
  | { kind: 'invalid'; error: 'cpr_format' | 'cpr_date' }
  | { kind: 'valid'; birthDate: string; sex: LegalSex; modulus11: boolean };

/** What the form can tell about a typed CPR before saving: derived birth date and sex, or what is wrong. */
export function cprFeedback(value: string): CprFeedback {
  const digits = value.replace(/\D/g, '');
  if (digits.length === 0) return { kind: 'empty' };
  if (digits.length < 10) return { kind: 'incomplete' };
  const r = parseCpr(value);
  if (!r.ok) return { kind: 'invalid', error: r.error };
  return { kind: 'valid', birthDate: r.birthDate, sex: r.sex, modulus11: r.modulus11 };
}
