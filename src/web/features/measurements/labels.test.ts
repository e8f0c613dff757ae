import { describe, expect, it } from 'vitest';
import { SUPPORT_STATUSES, SUPPORT_STATUS_LABELS } from '../../../shared/measurements';
import { translate } from '../../i18n/I18nProvider';

describe('support status labels', () => {
  it('say the same in the web as in the messages the server writes', () => {
    for (const lang of ['da', 'en'] as const) {
      expect(SUPPORT_STATUSES.map((s) => translate(lang, `measurement.support.${s}`))).toEqual(SUPPORT_STATUSES.map((s) => SUPPORT_STATUS_LABELS[s][lang]));
    }
  });
});
