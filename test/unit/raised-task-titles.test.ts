import { describe, expect, it } from 'vitest';
import { RAISED_TITLE_DA } from '../../src/server/modules/tasks/deadlines.service.js';
import { HIDDEN_GOAL_RATING_TITLE } from '../../src/server/modules/tasks/tasks.presenter.js';
import { RAISED_TITLE_KINDS } from '../../src/shared/tasks.js';
import { translate, type Translate } from '../../src/web/i18n/I18nProvider.js';
import { taskTitle } from '../../src/web/features/tasks/tasks.api.js';

const da: Translate = (key, vars) => translate('da', key, vars);

// The server stores a raised task's title in Danish; the web app writes it again from what it says. Both must
// read the same in Danish.
describe('a raised task’s Danish title, on the server and in the web app', () => {
  it.each(RAISED_TITLE_KINDS)('reads the same for %s', (kind) => {
    expect(taskTitle(da, { title: '', raised: { kind, subject: 'Lise og mormor' } })).toBe(RAISED_TITLE_DA[kind]('Lise og mormor'));
  });

  it('reads the same for a goal the reader may not see', () => {
    expect(taskTitle(da, { title: '', raised: { kind: 'goal_rating', subject: null } })).toBe(HIDDEN_GOAL_RATING_TITLE);
  });
});
