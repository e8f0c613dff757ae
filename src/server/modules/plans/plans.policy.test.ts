import { describe, expect, it } from 'vitest';
import type { FamilyRelation } from '../../../shared/families.js';
import { planCan } from './plans.policy.js';

describe('planCan', () => {
  const table: Array<[FamilyRelation | null, { edit: boolean; publish: boolean; signOff: boolean; print: boolean }]> = [
    ['coordinator', { edit: true, publish: true, signOff: true, print: true }],
    ['team', { edit: true, publish: false, signOff: false, print: true }],
    ['manager', { edit: false, publish: false, signOff: false, print: false }],
    ['break_glass', { edit: false, publish: false, signOff: false, print: false }],
    [null, { edit: false, publish: false, signOff: false, print: false }],
  ];
  it.each(table)('gives %s exactly these rights on the plan', (relation, expected) => {
    expect(planCan(relation)).toEqual(expected);
  });
});
