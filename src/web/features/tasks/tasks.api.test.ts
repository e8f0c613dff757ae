import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../i18n/I18nProvider';
import { taskTitle } from './tasks.api';

const da: Translate = (key, vars) => translate('da', key, vars);
const en: Translate = (key, vars) => translate('en', key, vars);

describe('a task’s title in the reader’s language', () => {
  it('writes a raised task from what it says', () => {
    const raised = { title: 'Skriv referat af mødet: Netværksmøde', raised: { kind: 'meeting_minutes', subject: 'Netværksmøde' } } as const;
    expect(taskTitle(da, raised)).toBe('Skriv referat af mødet: Netværksmøde');
    expect(taskTitle(en, raised)).toBe('Write the minutes of the meeting: Netværksmøde');
    expect(taskTitle(en, { title: 'Revidér helhedsplanen (version 3)', raised: { kind: 'plan_review', subject: '3' } })).toBe('Review the holistic plan (version 3)');
  });

  it('shows a person’s words as written, in any language', () => {
    expect(taskTitle(en, { title: 'Ring til skolen', raised: null })).toBe('Ring til skolen');
  });

  it('names no goal the reader may not see', () => {
    const hidden = { title: 'Vurdér et mål i familiens plan (…)', raised: { kind: 'goal_rating', subject: null } } as const;
    expect(taskTitle(da, hidden)).toMatch(/^Vurdér et mål i familiens plan \(samtykket dækker ikke/);
    expect(taskTitle(en, hidden)).toMatch(/^Rate a goal in the family’s plan/);
  });
});
