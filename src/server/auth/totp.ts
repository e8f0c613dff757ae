import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

function totpFor(secretBase32: string, label = 'Helhed', issuer = 'Helhed'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export async function totpEnrolment(secret: string, email: string, municipalityName: string) {
  const uri = totpFor(secret, email, `Helhed ${municipalityName}`).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri: uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * Checks a code against the current step ±1 and returns the step it matched, or null.
 * A step at or before lastStep is refused, so an observed code cannot be replayed.
 */
export function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The code for a moment; for tests and the CLI. */
export function totpCode(secret: string, now = Date.now()): string {
  return totpFor(secret).generate({ timestamp: now });
}
