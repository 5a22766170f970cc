import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Trastienda';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(label: string): { secret: string; otpauthUri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUri: totpFor(secret, label).toString() };
}

/** Accepts the current code and one period either side (clock drift). */
export function checkTotp(secretBase32: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32, 'check').validate({ token: code, window: 1 }) !== null;
}

/** The current code; used by tests and by nothing else in the app. */
export const currentTotp = (secretBase32: string): string => totpFor(secretBase32, 'now').generate();
