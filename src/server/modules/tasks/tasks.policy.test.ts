import { describe, expect, it } from 'vitest';
import type { FamilyRelation } from '../../../shared/families.js';
import type { Role } from '../../../shared/roles.js';
import { hasTasks, mayBeAssigned, mayChangeTask } from './tasks.policy.js';

const ME = 'u-me';
const OTHER = 'u-other';

describe('mayChangeTask', () => {
  it.each<[string, string, FamilyRelation | null, boolean]>([
    ['the assignee, without any relation to a family', ME, null, true],
    ['the assignee who is also on the team', ME, 'team', true],
    ["the family's coordinator, for someone else's task", OTHER, 'coordinator', true],
    ['a team member, for someone else’s task', OTHER, 'team', false],
    ['the supervising manager, for someone else’s task', OTHER, 'manager', false],
    ['someone who broke the glass', OTHER, 'break_glass', false],
    ['someone without a relation', OTHER, null, false],
  ])('%s: %s', (_who, assignee, relation, expected) => {
    expect(mayChangeTask(ME, { assigneeUserId: assignee }, relation)).toBe(expected);
  });
});

describe('mayBeAssigned', () => {
  it.each<[FamilyRelation | null, boolean]>([
    ['coordinator', true],
    ['team', true],
    ['manager', true],
    ['break_glass', false],
    [null, false],
  ])('a staff member whose relation to the family is %s: %s', (relation, expected) => {
    expect(mayBeAssigned(relation)).toBe(expected);
  });
});

describe('hasTasks', () => {
  it.each<[Role[], boolean]>([
    [['coordinator'], true],
    [['professional'], true],
    [['manager'], true],
    [['admin'], false],
    [['analyst'], false],
    [['admin', 'professional'], true],
  ])('roles %j: %s', (roles, expected) => {
    expect(hasTasks(roles)).toBe(expected);
  });
});
