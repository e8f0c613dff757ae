import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../i18n/I18nProvider';
import { changeReasonLabel, familyLabel } from './labels';

const da: Translate = (key, vars) => translate('da', key, vars);
const en: Translate = (key, vars) => translate('en', key, vars);

describe('why a status or coordinator changed, in the reader’s language', () => {
  it('names the system’s cause, followed by the person’s own words when there are some', () => {
    expect(changeReasonLabel(da, { cause: 'consent_withdrawn', reason: 'Far ønsker ikke at deltage' })).toBe('Samtykke trukket tilbage: Far ønsker ikke at deltage');
    expect(changeReasonLabel(en, { cause: 'consent_withdrawn', reason: 'Far ønsker ikke at deltage' })).toBe('Consent withdrawn: Far ønsker ikke at deltage');
    expect(changeReasonLabel(da, { cause: 'referral_accepted', reason: null })).toBe('Visiteret fra en henvendelse');
    expect(changeReasonLabel(en, { cause: 'created_directly', reason: null })).toBe('Registered directly by the family coordinator');
    expect(changeReasonLabel(en, { cause: 'imported', reason: null })).toBe('Imported from a helhed-exchange file');
  });

  it('shows a person’s reason as written, and nothing when there is none', () => {
    expect(changeReasonLabel(en, { cause: null, reason: 'Omfordeling' })).toBe('Omfordeling');
    expect(changeReasonLabel(en, { cause: null, reason: null })).toBe('');
  });
});

describe('a family’s name from its surnames', () => {
  it('is written in the reader’s language', () => {
    expect(familyLabel(da, ['Hansen', 'Ali'])).toBe('Familien Hansen/Ali');
    expect(familyLabel(en, ['Hansen', 'Ali'])).toBe('The Hansen/Ali family');
    expect(familyLabel(da, [])).toBe('Familie uden efternavn');
    expect(familyLabel(en, [])).toBe('Family without a surname');
  });
});
