import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpCode, totpEnrolment } from './totp.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const PERIOD_MS = 30_000;
/** A fixed moment in the middle of a 30-second step. */
const NOW = 1_750_000_005_000;
const STEP = Math.floor(NOW / PERIOD_MS);
const codeAt = (stepOffset: number) => totpCode(SECRET, NOW + stepOffset * PERIOD_MS);

describe('checkTotp', () => {
  it('accepts the current code and returns its step', () => {
    expect(checkTotp(SECRET, codeAt(0), null, NOW)).toBe(STEP);
  });

  it('accepts the code of the previous step, for a clock a little behind', () => {
    expect(checkTotp(SECRET, codeAt(-1), null, NOW)).toBe(STEP - 1);
  });

  it('accepts the code of the next step, for a clock a little ahead', () => {
    expect(checkTotp(SECRET, codeAt(1), null, NOW)).toBe(STEP + 1);
  });

  it('refuses a code two steps old', () => {
    expect([codeAt(-1), codeAt(0), codeAt(1)]).not.toContain(codeAt(-2));
    expect(checkTotp(SECRET, codeAt(-2), null, NOW)).toBeNull();
  });

  it('refuses a code two steps ahead', () => {
    expect([codeAt(-1), codeAt(0), codeAt(1)]).not.toContain(codeAt(2));
    expect(checkTotp(SECRET, codeAt(2), null, NOW)).toBeNull();
  });

  it('refuses a code made with another secret', () => {
    const other = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const foreign = totpCode(other, NOW);
    expect([codeAt(-1), codeAt(0), codeAt(1)]).not.toContain(foreign);
    expect(checkTotp(SECRET, foreign, null, NOW)).toBeNull();
  });

  it('refuses a replay of the step already used', () => {
    expect(checkTotp(SECRET, codeAt(0), STEP, NOW)).toBeNull();
  });

  it('refuses a code from a step before the last one used', () => {
    expect(checkTotp(SECRET, codeAt(-1), STEP, NOW)).toBeNull();
    expect(checkTotp(SECRET, codeAt(-1), STEP - 1, NOW)).toBeNull();
  });

  it('accepts a code from a step after the last one used', () => {
    expect(checkTotp(SECRET, codeAt(0), STEP - 1, NOW)).toBe(STEP);
    expect(checkTotp(SECRET, codeAt(1), STEP, NOW)).toBe(STEP + 1);
  });
});

describe('newTotpSecret', () => {
  it('makes a different 160-bit base32 secret each time', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });
});

describe('totpEnrolment', () => {
  it('gives an otpauth URI labelled with the e-mail and with the municipality in the issuer', async () => {
    const e = await totpEnrolment(SECRET, 'jens.hansen@gladsaxe.dk', 'Gladsaxe Kommune');
    const uri = new URL(e.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(e.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(decodeURIComponent(e.otpauthUri)).toContain('jens.hansen@gladsaxe.dk');
    expect(uri.searchParams.get('issuer')).toBe('Helhed Gladsaxe Kommune');
    expect(uri.searchParams.get('secret')).toBe(SECRET);
    expect(e.secret).toBe(SECRET);
  });

  it('gives a URI whose codes checkTotp accepts', async () => {
    const e = await totpEnrolment(SECRET, 'jens.hansen@gladsaxe.dk', 'Gladsaxe Kommune');
    const app = OTPAuth.URI.parse(e.otpauthUri) as OTPAuth.TOTP;
    expect(checkTotp(SECRET, app.generate({ timestamp: NOW }), null, NOW)).toBe(STEP);
  });

  it('gives the QR code as an SVG data URL', async () => {
    const e = await totpEnrolment(SECRET, 'jens.hansen@gladsaxe.dk', 'Gladsaxe Kommune');
    const prefix = 'data:image/svg+xml;base64,';
    expect(e.qrDataUrl.startsWith(prefix)).toBe(true);
    const svg = Buffer.from(e.qrDataUrl.slice(prefix.length), 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg[\s>]/);
    expect(svg).toContain('</svg>');
  });
});
