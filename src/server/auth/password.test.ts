import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH } from '../../shared/auth.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';

const PASSPHRASE = 'rødgrød med fløde på åen';

describe('hashPassword and verifyPassword', () => {
  it('verifies the password a hash was made from', async () => {
    const stored = await hashPassword(PASSPHRASE);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(await verifyPassword(PASSPHRASE, stored)).toBe(true);
  });

  it('refuses a password that differs from the hashed one', async () => {
    const stored = await hashPassword(PASSPHRASE);
    expect(await verifyPassword('rødgrød med fløde på åen!', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so the same password hashes differently twice and both verify', async () => {
    const a = await hashPassword(PASSPHRASE);
    const b = await hashPassword(PASSPHRASE);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword(PASSPHRASE, a)).toBe(true);
    expect(await verifyPassword(PASSPHRASE, b)).toBe(true);
  });

  it('refuses a stored value that is not an scrypt hash', async () => {
    expect(await verifyPassword(PASSPHRASE, '')).toBe(false);
    expect(await verifyPassword(PASSPHRASE, `bcrypt$${PASSPHRASE}`)).toBe(false);
    expect(await verifyPassword(PASSPHRASE, 'scrypt$32768$8$1$')).toBe(false);
  });

  it('normalises to NFKC, so composed and decomposed letters and compatibility forms are the same password', async () => {
    const composed = 'blåbærgrød og ﬁskeﬁlet'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const stored = await hashPassword(composed);
    expect(await verifyPassword(decomposed, stored)).toBe(true);
    // U+FB01 (the "fi" ligature) is the compatibility form of "fi".
    expect(await verifyPassword('blåbærgrød og fiskefilet', stored)).toBe(true);
  });
});

describe('passwordProblem', () => {
  it(`refuses a password shorter than ${MIN_PASSWORD_LENGTH} characters`, () => {
    expect(passwordProblem('elleve tegn')).toBe('password_too_short');
    expect('elleve tegn'.length).toBe(MIN_PASSWORD_LENGTH - 1);
  });

  it(`accepts a password of exactly ${MIN_PASSWORD_LENGTH} characters`, () => {
    expect(passwordProblem('tolv tegn ok')).toBeNull();
  });

  it('refuses a password on the common-password list, whatever its case', () => {
    expect(passwordProblem('velkommen123')).toBe('password_common');
    expect(passwordProblem('Password1234')).toBe('password_common');
    expect(passwordProblem('ADGANGSKODE123')).toBe('password_common');
  });

  it('refuses a password that is one character repeated', () => {
    expect(passwordProblem('zzzzzzzzzzzzzzzz')).toBe('password_common');
    expect(passwordProblem('øøøøøøøøøøøø')).toBe('password_common');
  });

  it('refuses a password that contains the local part of the e-mail, whatever its case', () => {
    expect(passwordProblem('Jens.Hansen-er-den-bedste', { email: 'jens.hansen@gladsaxe.dk' })).toBe('password_contains_email');
    expect(passwordProblem('mit navn er jens.hansen', { email: 'JENS.HANSEN@gladsaxe.dk' })).toBe('password_contains_email');
  });

  it('ignores an e-mail local part shorter than four characters', () => {
    expect(passwordProblem('en lang sætning med ole i', { email: 'ole@gladsaxe.dk' })).toBeNull();
  });

  it('refuses a password that is the name with the spaces removed', () => {
    expect(passwordProblem('Karen Marie Jensen', { name: 'karen marie jensen' })).toBe('password_contains_email');
    expect(passwordProblem('KarenMarieJensen', { name: 'Karen Marie Jensen' })).toBe('password_contains_email');
  });

  it('accepts a long passphrase with æ, ø and å that is unrelated to the user', () => {
    expect(
      passwordProblem('Æbleskiver på Østerbro hører til i december, så Åse', { email: 'jens.hansen@gladsaxe.dk', name: 'Jens Hansen' }),
    ).toBeNull();
  });
});
