import type { IsoDate } from './dates.js';
import { toDayNumber } from './dates.js';

export const PRICE_UNITS = ['hour', 'day', 'week', 'month', 'year', 'once'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

export interface Price {
  /** DKK */
  amount: number;
  per: PriceUnit;
}

/** Days in a month and in a year as DESIGN.md's cost arithmetic uses them. */
export const DAYS_PER_MONTH = 30.4375;
export const DAYS_PER_YEAR = 365.25;

export interface Priced {
  from: IsoDate;
  /** Null = ongoing. */
  to: IsoDate | null;
  price: Price;
  /** Required when the price is per hour. */
  hoursPerWeek?: number | null;
}

/** Price per day of delivery, for every unit but `once`. */
function perDay(p: Priced): number {
  const { amount, per } = p.price;
  switch (per) {
    case 'day':
      return amount;
    case 'week':
      return amount / 7;
    case 'month':
      return amount / DAYS_PER_MONTH;
    case 'year':
      return amount / DAYS_PER_YEAR;
    case 'hour':
      return (amount * (p.hoursPerWeek ?? 0)) / 7;
    case 'once':
      return 0;
  }
}

/**
 * Cost of an intervention within the window [start, endExclusive): price × units inside the overlap, days
 * counted inclusively (DESIGN.md, costs). A `once` price counts in full when `from` lies in the window.
 */
export function costInWindow(p: Priced, start: IsoDate, endExclusive: IsoDate): number {
  if (p.price.per === 'once') return p.from >= start && p.from < endExclusive ? p.price.amount : 0;
  const first = Math.max(toDayNumber(p.from), toDayNumber(start));
  const last = Math.min(p.to === null ? Number.POSITIVE_INFINITY : toDayNumber(p.to), toDayNumber(endExclusive) - 1);
  const days = last - first + 1;
  if (days <= 0) return 0;
  const { amount, per } = p.price;
  switch (per) {
    case 'day':
      return amount * days;
    case 'week':
      return amount * (days / 7);
    case 'month':
      return amount * (days / DAYS_PER_MONTH);
    case 'year':
      return amount * (days / DAYS_PER_YEAR);
    case 'hour':
      return amount * (p.hoursPerWeek ?? 0) * (days / 7);
  }
}

/** The running cost of an ongoing intervention per average month (a one-off price has none). */
export function monthlyCost(p: Priced): number {
  return perDay(p) * DAYS_PER_MONTH;
}
