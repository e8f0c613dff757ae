// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/I18nProvider';
import { categoryLabel, previewMonthlyCost, priceText } from './price';

const da: Translate = (key, vars) => translate('da', key, vars);
const en: Translate = (key, vars) => translate('en', key, vars);
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('priceText', () => {
  it('says the amount in kroner and what it is per, in Danish and English', () => {
    expect(plain(priceText(da, { amount: 432.5, per: 'hour' }))).toBe('432,5 kr. pr. time');
    expect(plain(priceText(da, { amount: 15000, per: 'once' }))).toBe('15.000 kr. engangsbeløb');
    expect(plain(priceText(en, { amount: 1200, per: 'week' }))).toBe('1.200 kr. per week');
  });
});

describe('previewMonthlyCost', () => {
  it('turns a weekly price into an average month of 30.4375 days', () => {
    expect(previewMonthlyCost({ amount: 700, per: 'week' }, null)).toBeCloseTo(3043.75, 6);
  });

  it('multiplies an hourly price by the hours per week', () => {
    expect(previewMonthlyCost({ amount: 500, per: 'hour' }, 3)).toBeCloseTo((500 * 3 * 30.4375) / 7, 6);
  });

  it('has nothing to show for an hourly price without hours, and nothing monthly for a one-off price', () => {
    expect(previewMonthlyCost({ amount: 500, per: 'hour' }, null)).toBeNull();
    expect(previewMonthlyCost({ amount: 15000, per: 'once' }, null)).toBe(0);
  });
});

describe('categoryLabel', () => {
  it('names known categories and shows other codes readably', () => {
    expect(categoryLabel(da, 'family_support')).toBe('Familiestøtte');
    expect(categoryLabel(da, 'night_shelter')).toBe('night shelter');
  });
});
