import { describe, expect, it } from 'vitest';
import { CONSENT_KINDS, type ConsentKind, type ConsentScope } from '../../../shared/families.js';
import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../../context.js';
import { visibleKinds } from './consent-kinds.policy.js';
import type { FamilyFacts } from './families.policy.js';

const JOB = '11111111-1111-4111-8111-111111111111';
const CHILDREN = '22222222-2222-4222-8222-222222222222';
const HEALTH = '33333333-3333-4333-8333-333333333333';
const ME = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OTHER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const actor = (roles: Role[], departmentId: string | null = JOB): Actor => ({ userId: ME, name: 'Me', roles, departmentId });
const facts = (over: Partial<FamilyFacts>): FamilyFacts => ({
  coordinatorUserId: OTHER,
  coordinatorDepartmentId: CHILDREN,
  teamDepartmentIds: [],
  breakGlass: false,
  consentDepartmentIds: [JOB, CHILDREN],
  ...over,
});
const employmentForJob: ConsentScope = { departmentIds: [JOB], kinds: ['employment'] };
const welfareForChildren: ConsentScope = { departmentIds: [CHILDREN], kinds: ['child_welfare', 'family_situation'] };
const all = [...CONSENT_KINDS];

describe('which kinds of information about a family the actor sees', () => {
  const table: Array<[string, Actor, Partial<FamilyFacts>, ConsentScope[], ConsentKind[]]> = [
    ['a team member sees only what consents naming their department cover', actor(['professional']), { teamDepartmentIds: [JOB] }, [employmentForJob, welfareForChildren], ['employment']],
    [
      'a team member in two departments sees what either is covered for',
      actor(['professional']),
      { teamDepartmentIds: [JOB, CHILDREN] },
      [employmentForJob, welfareForChildren],
      ['employment', 'child_welfare', 'family_situation'],
    ],
    [
      'kinds add up over several consents naming the department',
      actor(['professional']),
      { teamDepartmentIds: [JOB] },
      [employmentForJob, { departmentIds: [JOB, HEALTH], kinds: ['economy', 'health'] }],
      ['employment', 'economy', 'health'],
    ],
    ['a consent naming other departments gives the team member nothing', actor(['professional']), { teamDepartmentIds: [JOB] }, [welfareForChildren], []],
    ['the coordinator sees everything', actor(['coordinator']), { coordinatorUserId: ME, teamDepartmentIds: [JOB] }, [employmentForJob], all],
    ["a manager of the coordinator's unit sees everything", actor(['manager'], CHILDREN), {}, [employmentForJob], all],
    ["a manager of the unit who is also on the team is not narrowed", actor(['manager'], CHILDREN), { teamDepartmentIds: [JOB] }, [employmentForJob], all],
    ['break-the-glass sees everything', actor(['professional']), { breakGlass: true }, [], all],
    ['a team member with break-the-glass is not narrowed', actor(['professional']), { teamDepartmentIds: [JOB], breakGlass: true }, [employmentForJob], all],
    ['before any consent is recorded the team works under the assessment', actor(['professional']), { teamDepartmentIds: [JOB], consentDepartmentIds: null }, [], all],
    ['a team member whose consent is no longer in force has no relation and sees nothing', actor(['professional']), { teamDepartmentIds: [JOB], consentDepartmentIds: [CHILDREN] }, [welfareForChildren], []],
    ['someone without any relation sees nothing', actor(['professional']), {}, [employmentForJob], []],
    ['an administrator sees nothing', actor(['admin']), { coordinatorUserId: ME }, [employmentForJob], []],
  ];
  it.each(table)('%s', (_sentence, who, over, consents, expected) => {
    expect(visibleKinds(who, facts(over), consents)).toEqual(expected);
  });
});
