// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CreateUserBody } from '../../../shared/admin';
import { SetupBody } from '../../../shared/auth';
import { fieldId, problemsToErrors, summaryItems, zodErrorToErrors } from './formErrors';

describe('problemsToErrors', () => {
  it('keys server problems by their body path and keeps the first problem per field', () => {
    expect(
      problemsToErrors([
        { path: 'admin.email', message: 'Skriv en gyldig e-mailadresse.' },
        { path: 'admin.email', message: 'Anden besked' },
        { path: 'municipality.code', message: 'Kommunekoden er tre cifre.' },
      ]),
    ).toEqual({ 'admin.email': 'Skriv en gyldig e-mailadresse.', 'municipality.code': 'Kommunekoden er tre cifre.' });
  });
});

describe('zodErrorToErrors', () => {
  it('gives the shared schemas’ problems in Danish, keyed like the server’s paths', () => {
    const result = SetupBody.safeParse({ municipality: { code: '15', name: 'Gladsaxe' }, admin: { name: '', email: 'nope', password: 'kort' } });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodErrorToErrors(result.error, 'da')).toEqual({
      'municipality.code': 'Kommunekoden er tre cifre, fx 159.',
      'admin.name': 'Feltet skal udfyldes.',
      'admin.email': 'Skriv en gyldig e-mailadresse, fx navn@kommune.dk.',
      'admin.password': 'Adgangskoden skal være på mindst 12 tegn.',
    });
  });

  it('speaks English when asked, and has a message for problems without a custom code', () => {
    const result = CreateUserBody.safeParse({ email: 'a@b.dk', name: 'x'.repeat(300), roles: [], initialPassword: 'en lang nok adgangskode' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodErrorToErrors(result.error, 'en')).toEqual({ name: 'Enter at most 200 characters.', roles: 'Choose at least one role.' });
  });
});

describe('summaryItems', () => {
  const fields = [
    ['municipality.code', 'Kommunekode'],
    ['admin.email', 'E-mail'],
  ] as const;

  it('lists problems in the order of the form, each linked to its field by id', () => {
    const items = summaryItems({ 'admin.email': 'Ugyldig.', 'municipality.code': 'Tre cifre.' }, fields, 'setup');
    expect(items).toEqual([
      { message: 'Kommunekode: Tre cifre.', targetId: 'setup-municipality-code' },
      { message: 'E-mail: Ugyldig.', targetId: 'setup-admin-email' },
    ]);
  });

  it('still shows a problem for a path the form has no field for, without a link', () => {
    expect(summaryItems({ 'admin.unknown': 'Noget er galt.' }, fields, 'setup')).toEqual([{ message: 'Noget er galt.' }]);
  });

  it('makes ids that are valid and stable for dotted paths', () => {
    expect(fieldId('create-user', 'roles')).toBe('create-user-roles');
    expect(fieldId('setup', 'admin.password')).toBe('setup-admin-password');
  });
});
