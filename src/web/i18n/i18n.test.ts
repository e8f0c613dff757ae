// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../shared/audit';
import { ROLES } from '../../shared/roles';
import da from './da.json';
import en from './en.json';
import { interpolate, isMessageKey, translate } from './I18nProvider';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  it('have exactly the same keys in Danish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
  });

  it('use the same placeholders in both languages for every key', () => {
    const da_ = da as Record<string, string>;
    const en_ = en as Record<string, string>;
    const mismatched = Object.keys(da_).filter((key) => placeholders(da_[key]).join() !== placeholders(en_[key] ?? '').join());
    expect(mismatched).toEqual([]);
  });

  it('have no empty messages', () => {
    const empty = [...Object.entries(da), ...Object.entries(en)].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('name every audit action, outcome and role the shared contracts define', () => {
    const wanted = [...AUDIT_ACTIONS.map((a) => `audit.action.${a}`), ...AUDIT_OUTCOMES.map((o) => `audit.outcome.${o}`), ...ROLES.map((r) => `role.${r}`)];
    expect(wanted.filter((key) => !isMessageKey(key))).toEqual([]);
  });

  it('use the Danish role names from the design', () => {
    expect(ROLES.map((r) => translate('da', `role.${r}`))).toEqual(['Familiekoordinator', 'Fagperson', 'Leder', 'Analytiker', 'Administrator']);
  });
});

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Velkommen, {name} ({missing})', { name: 'Anne' })).toBe('Velkommen, Anne ({missing})');
  });
});
