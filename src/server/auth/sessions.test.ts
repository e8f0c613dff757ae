import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expiryReason, parseSessionCookie, safeEqual, sessionCookieValue } from './sessions.js';

const MUNICIPALITY = '0b8f6a52-1c3e-4e7a-9d2f-5a6b7c8d9e0f';
const TOKEN = randomBytes(32).toString('base64url');

describe('parseSessionCookie', () => {
  it('reads the municipality id and the token of a well-formed cookie', () => {
    expect(parseSessionCookie(`${MUNICIPALITY}.${TOKEN}`)).toEqual({ municipalityId: MUNICIPALITY, token: TOKEN });
  });

  it('reads back what sessionCookieValue writes', () => {
    const id = randomUUID();
    expect(parseSessionCookie(sessionCookieValue(id, TOKEN))).toEqual({ municipalityId: id, token: TOKEN });
  });

  it('gives null for a missing or empty cookie', () => {
    expect(parseSessionCookie(undefined)).toBeNull();
    expect(parseSessionCookie('')).toBeNull();
  });

  it('gives null for a cookie without a dot', () => {
    expect(parseSessionCookie(`${MUNICIPALITY}${TOKEN}`)).toBeNull();
    expect(parseSessionCookie(TOKEN)).toBeNull();
  });

  it('gives null when the part before the dot is not a lower-case uuid', () => {
    expect(parseSessionCookie(`not-a-uuid.${TOKEN}`)).toBeNull();
    expect(parseSessionCookie(`${MUNICIPALITY.slice(0, -1)}.${TOKEN}`)).toBeNull();
    expect(parseSessionCookie(`${MUNICIPALITY.toUpperCase()}.${TOKEN}`)).toBeNull();
    expect(parseSessionCookie(`.${TOKEN}`)).toBeNull();
  });

  it('gives null when the token is not 43 base64url characters', () => {
    expect(parseSessionCookie(`${MUNICIPALITY}.`)).toBeNull();
    expect(parseSessionCookie(`${MUNICIPALITY}.${TOKEN.slice(1)}`)).toBeNull();
    expect(parseSessionCookie(`${MUNICIPALITY}.${TOKEN}A`)).toBeNull();
    expect(parseSessionCookie(`${MUNICIPALITY}.${TOKEN.slice(1)}+`)).toBeNull();
    expect(parseSessionCookie(`${MUNICIPALITY}.${TOKEN.slice(1)}=`)).toBeNull();
  });

  it('gives null when the token itself contains a dot', () => {
    expect(parseSessionCookie(`${MUNICIPALITY}.${TOKEN.slice(0, 21)}.${TOKEN.slice(22)}`)).toBeNull();
  });
});

describe('expiryReason', () => {
  const limits = { idleMs: 30 * 60_000, absoluteMs: 10 * 3_600_000 };
  const created = new Date('2025-03-03T08:00:00.000Z');
  const at = (ms: number) => new Date(created.getTime() + ms);

  it('gives null for a session inside both limits', () => {
    expect(expiryReason({ createdAt: created, lastSeenAt: at(60 * 60_000) }, at(70 * 60_000), limits)).toBeNull();
  });

  it('gives idle_timeout once the idle limit has passed since the session was last seen', () => {
    expect(expiryReason({ createdAt: created, lastSeenAt: at(60 * 60_000) }, at(60 * 60_000 + limits.idleMs), limits)).toBe(
      'idle_timeout',
    );
  });

  it('gives null one millisecond before the idle limit', () => {
    expect(expiryReason({ createdAt: created, lastSeenAt: at(60 * 60_000) }, at(60 * 60_000 + limits.idleMs - 1), limits)).toBeNull();
  });

  it('gives absolute_timeout once the absolute limit has passed since the session began, however active it is', () => {
    expect(expiryReason({ createdAt: created, lastSeenAt: at(limits.absoluteMs - 1) }, at(limits.absoluteMs), limits)).toBe(
      'absolute_timeout',
    );
  });

  it('gives null one millisecond before the absolute limit for an active session', () => {
    expect(expiryReason({ createdAt: created, lastSeenAt: at(limits.absoluteMs - 60_000) }, at(limits.absoluteMs - 1), limits)).toBeNull();
  });

  it('gives absolute_timeout when both limits have passed', () => {
    expect(expiryReason({ createdAt: created, lastSeenAt: created }, at(limits.absoluteMs), limits)).toBe('absolute_timeout');
  });
});

describe('safeEqual', () => {
  it('is true for equal strings', () => {
    expect(safeEqual('abc-123_XYZ', 'abc-123_XYZ')).toBe(true);
    expect(safeEqual('', '')).toBe(true);
  });

  it('is false for different strings of the same length', () => {
    expect(safeEqual('abc-123_XYZ', 'abc-123_XYy')).toBe(false);
  });

  it('is false for strings of different length, one a prefix of the other', () => {
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('abcd', 'abc')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
  });

  it('compares bytes, so strings with the same number of characters but different bytes differ', () => {
    expect(safeEqual('æ', 'a')).toBe(false);
    expect(safeEqual('ææ', 'æø')).toBe(false);
  });
});
