import type { Lang } from '../../shared/i18n';

const dkk = new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const dkkExact = new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK', minimumFractionDigits: 0, maximumFractionDigits: 2 });
const number = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });

/** A calendar date (YYYY-MM-DD) as people write it: 03.02.2025 in Danish, 03/02/2025 in English. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return lang === 'en' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[3]}.${m[2]}.${m[1]}`;
}

/** A period [from, to]; an open end shows as "…", so "01.03.2025 – …". */
export function formatPeriod(from: string, to: string | null, lang: Lang): string {
  return `${formatDate(from, lang)} – ${to ? formatDate(to, lang) : '…'}`;
}

/** Whole kroner for running costs: "12.345 kr." (always Danish number format, as the municipality's accounts). */
export function formatDkk(amount: number): string {
  return dkk.format(Math.round(amount));
}

/** A price as entered, øre kept when there are any: "432,50 kr." */
export function formatDkkExact(amount: number): string {
  return dkkExact.format(amount);
}

/** A plain number in Danish format, e.g. hours per week "7,5". */
export function formatNumber(value: number): string {
  return number.format(value);
}

/** Parses an amount typed the Danish way ("1.234,50") or the English way ("1234.50"); null when it is not a number. */
export function parseAmount(input: string): number | null {
  const s = input.trim().replace(/\s|kr\.?$/gi, '');
  if (!s) return null;
  let normalised: string;
  if (s.includes(',')) normalised = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) normalised = s.replace(/\./g, '');
  else normalised = s;
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

/** Today's date in Denmark as YYYY-MM-DD, the default of date fields. */
export function todayIso(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}
