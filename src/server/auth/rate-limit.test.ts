import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

const T0 = 1_750_000_000_000;

describe('RateLimiter', () => {
  it('allows as many attempts as the limit within one window', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect([1, 2, 3].map((i) => limiter.take('10.0.0.1', T0 + i))).toEqual([true, true, true]);
  });

  it('refuses the attempt after the limit, and every further one in the window', () => {
    const limiter = new RateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) limiter.take('10.0.0.1', T0 + i);
    expect(limiter.take('10.0.0.1', T0 + 10)).toBe(false);
    expect(limiter.take('10.0.0.1', T0 + 59_999)).toBe(false);
  });

  it('counts each key on its own', () => {
    const limiter = new RateLimiter(2, 60_000);
    limiter.take('10.0.0.1', T0);
    limiter.take('10.0.0.1', T0);
    expect(limiter.take('10.0.0.1', T0)).toBe(false);
    expect(limiter.take('10.0.0.2', T0)).toBe(true);
    expect(limiter.take('10.0.0.2', T0)).toBe(true);
    expect(limiter.take('10.0.0.2', T0)).toBe(false);
  });

  it('starts a new window once the window has passed since its first attempt', () => {
    const limiter = new RateLimiter(2, 60_000);
    limiter.take('10.0.0.1', T0);
    limiter.take('10.0.0.1', T0 + 1_000);
    expect(limiter.take('10.0.0.1', T0 + 2_000)).toBe(false);
    expect(limiter.take('10.0.0.1', T0 + 60_000)).toBe(true);
    expect(limiter.take('10.0.0.1', T0 + 60_001)).toBe(true);
    expect(limiter.take('10.0.0.1', T0 + 60_002)).toBe(false);
  });

  it('uses a one-minute window by default', () => {
    const limiter = new RateLimiter(1);
    limiter.take('k', T0);
    expect(limiter.take('k', T0 + 59_999)).toBe(false);
    expect(limiter.take('k', T0 + 60_000)).toBe(true);
  });

  it('keeps counting correctly after pruning, when more than 10 000 keys have been seen', () => {
    const limiter = new RateLimiter(1, 60_000);
    limiter.take('old', T0);
    for (let i = 0; i < 10_001; i++) limiter.take(`ip-${i}`, T0 + 30_000);
    expect(limiter.take('fresh', T0 + 61_000)).toBe(true);
    expect(limiter.take('fresh', T0 + 61_001)).toBe(false);
    expect(limiter.take('ip-5', T0 + 61_002)).toBe(false);
    expect(limiter.take('old', T0 + 61_003)).toBe(true);
  });
});
