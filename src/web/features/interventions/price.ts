import { monthlyCost, PRICE_UNITS, type Price, type PriceUnit } from '../../../shared/cost';
import { isMessageKey, type MessageKey, type Translate } from '../../i18n/I18nProvider';
import { formatDkkExact } from '../../lib/format';

const UNIT_KEYS: Record<PriceUnit, MessageKey> = {
  hour: 'priceUnit.hour',
  day: 'priceUnit.day',
  week: 'priceUnit.week',
  month: 'priceUnit.month',
  year: 'priceUnit.year',
  once: 'priceUnit.once',
};

export const priceUnitLabel = (t: Translate, unit: PriceUnit) => t(UNIT_KEYS[unit]);
export const priceUnitOptions = (t: Translate) => PRICE_UNITS.map((u) => ({ value: u, label: priceUnitLabel(t, u) }));

/** "432,5 kr. pr. time", "15.000 kr. engangsbeløb". */
export function priceText(t: Translate, price: Price): string {
  return `${formatDkkExact(price.amount)} ${priceUnitLabel(t, price.per)}`;
}

/**
 * The monthly cost the form can show before saving, with DESIGN.md's arithmetic (shared/cost.ts);
 * null while an hourly price has no hours.
 */
export function previewMonthlyCost(price: Price, hoursPerWeek: number | null): number | null {
  if (price.per === 'hour' && (hoursPerWeek === null || hoursPerWeek <= 0)) return null;
  return monthlyCost({ from: '2000-01-01', to: null, price, hoursPerWeek });
}

/** Categories the catalogue suggests; a municipality may use others, which show by their code. */
export const KNOWN_CATEGORIES = ['employment_support', 'family_support', 'placement', 'therapy', 'substance_abuse', 'mentoring', 'education', 'health', 'housing', 'economy', 'daycare_school'] as const;

export function categoryLabel(t: Translate, category: string): string {
  const key = `category.${category}`;
  return isMessageKey(key) ? t(key) : category.replace(/_/g, ' ');
}
