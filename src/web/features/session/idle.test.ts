import { describe, expect, it } from 'vitest';
import { msUntilIdleLogout, warningLeadMs } from './idle';

describe('idle timeout arithmetic', () => {
  it('counts down from the last answered request, 30 seconds early for the server’s touch interval', () => {
    const last = 1_000_000;
    expect(msUntilIdleLogout(last, 30 * 60, last)).toBe(30 * 60_000 - 30_000);
    expect(msUntilIdleLogout(last, 30 * 60, last + 29 * 60_000)).toBe(30_000);
  });

  it('warns two minutes ahead, or a quarter of the time for very short timeouts', () => {
    expect(warningLeadMs(30 * 60)).toBe(120_000);
    expect(warningLeadMs(4 * 60)).toBe(60_000);
  });
});
