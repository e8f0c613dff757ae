import type { Lang } from '../../../shared/i18n';
import type { ShownCount } from '../../../shared/suppression';

const whole = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const oneDecimal: Record<Lang, Intl.NumberFormat> = {
  da: new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
};
const dkk = new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK', maximumFractionDigits: 0 });

/** What an empty value shows: no one to compute it from, or hidden because a count behind it is below 5. */
export const NO_VALUE = '–';

/** A count as shown: "<5" stays "<5". */
export function formatCount(n: ShownCount | null): string {
  if (n === null) return NO_VALUE;
  return typeof n === 'string' ? n : whole.format(n);
}

/** A share 0–1 as a percentage with one decimal: "62,5 %". */
export function formatShare(share: number | null, lang: Lang): string {
  return share === null ? NO_VALUE : `${oneDecimal[lang].format(share * 100)} %`;
}

/** A mean (months, rating, absence percent) with one decimal. */
export function formatMean(value: number | null, lang: Lang): string {
  return value === null ? NO_VALUE : oneDecimal[lang].format(value);
}

/** Kroner per family, whole kroner. */
export function formatKroner(value: number | null): string {
  return value === null ? NO_VALUE : dkk.format(Math.round(value));
}

/** The number a chart draws for a count; nothing for "<5". */
export function chartCount(n: ShownCount): number | null {
  return typeof n === 'number' ? n : null;
}

/** A round top for a chart's value axis at or above the largest value: 1, 2 or 5 × a power of ten. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}
