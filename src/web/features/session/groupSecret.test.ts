// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { groupSecret } from './groupSecret';

describe('groupSecret', () => {
  it('groups a base32 secret in fours for typing by hand', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });
});
