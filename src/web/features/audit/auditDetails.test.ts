// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Vars } from '../../i18n/I18nProvider';
import { detailLines } from './auditDetails';

const da = (key: MessageKey, vars?: Vars) => translate('da', key, vars);

describe('detailLines', () => {
  it('names known keys and translates roles, reasons and yes/no into Danish', () => {
    const lines = detailLines(da, { reason: 'wrong_password', roles: ['coordinator', 'manager'], mfa: true, email: 'kim@gladsaxe.dk' });
    expect(lines.map((l) => `${l.label}: ${l.value}`)).toEqual(['Årsag: Forkert adgangskode', 'Roller: Familiekoordinator, Leder', 'Med to-faktor: Ja', 'E-mail: kim@gladsaxe.dk']);
  });

  it('nests before/after objects and keeps unknown keys and values as recorded', () => {
    const lines = detailLines(da, { before: { name: 'Jobcenter', active: true }, after: { name: 'Jobcentret', active: false }, newKey: 'x', empty: null });
    expect(lines[0]).toEqual({
      key: 'before',
      label: 'Før',
      value: '',
      children: [
        { key: 'name', label: 'Navn', value: 'Jobcenter' },
        { key: 'active', label: 'Aktiv', value: 'Ja' },
      ],
    });
    expect(lines.slice(2).map((l) => `${l.label}: ${l.value}`)).toEqual(['newKey: x', 'empty: –']);
  });
});
