import { describe, expect, it } from 'vitest';
import { copenhagenToIso, formatTimeRange, isoToCopenhagen } from './copenhagen';

describe('Danish wall-clock times', () => {
  it('turns a winter and a summer time in Copenhagen into the right instant', () => {
    expect(copenhagenToIso('2025-01-15', '10:00')).toBe('2025-01-15T09:00:00.000Z');
    expect(copenhagenToIso('2025-07-01', '10:00')).toBe('2025-07-01T08:00:00.000Z');
  });

  it('reads an instant back as the date and time a Dane would type', () => {
    expect(isoToCopenhagen('2025-07-01T08:00:00.000Z')).toEqual({ date: '2025-07-01', time: '10:00' });
  });

  it('shows a meeting on one day as one date and two clock times', () => {
    expect(formatTimeRange('2025-07-01T08:00:00.000Z', '2025-07-01T09:30:00.000Z', 'da')).toBe('01.07.2025 10.00–11.30');
  });
});
