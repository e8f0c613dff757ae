/**
 * Calendar dates as ISO strings (YYYY-MM-DD), with arithmetic on whole days. No time zones: a date in
 * Helhed is a calendar date, as DESIGN.md defines the KPIs.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (2019-02-29 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(d: IsoDate): number {
  const m = ISO.exec(d);
  if (!m) throw new RangeError(`not a date: ${d}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(d: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + days);
}

/** d + n months, the day clamped to the month's end (2016-08-31 + 6 months = 2017-02-28). */
export function addMonths(d: IsoDate, months: number): IsoDate {
  const m = ISO.exec(d);
  if (!m) throw new RangeError(`not a date: ${d}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Built once: creating an Intl formatter is costly on a hot path. */
const DANISH_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' });

/** Today's date in Denmark. */
export function todayInDenmark(now = new Date()): IsoDate {
  return DANISH_DAY.format(now);
}

/** A period [from, to] (to null = open) covers d when from ≤ d and (to is null or d ≤ to). */
export function covers(period: { from: IsoDate; to: IsoDate | null }, d: IsoDate): boolean {
  return period.from <= d && (period.to === null || d <= period.to);
}

/** Whether two closed periods (to null = open) share at least one day. */
export function periodsOverlap(a: { from: IsoDate; to: IsoDate | null }, b: { from: IsoDate; to: IsoDate | null }): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
}
