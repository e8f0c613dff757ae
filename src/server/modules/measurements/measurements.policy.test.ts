import { describe, expect, it } from 'vitest';
import { answerProblems, instrumentItems, who5Score, WHO5_ITEMS_V1 } from '../../../shared/measurements.js';
import { instrumentSubjectProblem, isAdultMember, isChildMember, measurementCan } from './measurements.policy.js';

const parent = { role: 'parent' as const, birthDate: '1985-03-03' };
const child = { role: 'child' as const, birthDate: '2015-05-05' };

describe('who may record measurements', () => {
  it.each([
    ['coordinator', true],
    ['team', true],
    ['manager', false],
    ['break_glass', false],
    [null, false],
  ] as const)('a %s may record: %s', (relation, record) => {
    expect(measurementCan(relation)).toEqual({ record });
  });
});

describe('members', () => {
  it('counts parents and other adults as adults, and a "child" of the household from the day they turn 18', () => {
    expect(isAdultMember(parent, '2025-01-01')).toBe(true);
    expect(isAdultMember({ role: 'other', birthDate: '1950-01-01' }, '2025-01-01')).toBe(true);
    expect(isAdultMember({ role: 'child', birthDate: '2007-06-15' }, '2025-06-14')).toBe(false);
    expect(isAdultMember({ role: 'child', birthDate: '2007-06-15' }, '2025-06-15')).toBe(true);
    expect(isChildMember(child)).toBe(true);
    expect(isChildMember(parent)).toBe(false);
  });
});

describe('whom an instrument is about', () => {
  it('takes WHO-5 from a parent, answering for themself', () => {
    expect(instrumentSubjectProblem('who5', parent, 'family')).toBeNull();
    expect(instrumentSubjectProblem('who5', null, 'family')).toEqual({ path: 'personId', message: 'who5_parent_only' });
    expect(instrumentSubjectProblem('who5', child, 'family')).toEqual({ path: 'personId', message: 'who5_parent_only' });
    expect(instrumentSubjectProblem('who5', 'not_member', 'family')).toEqual({ path: 'personId', message: 'unknown_person' });
    expect(instrumentSubjectProblem('who5', parent, 'coordinator')).toEqual({ path: 'respondent', message: 'respondent_family_only' });
  });

  it('takes the experience questionnaire from the family as a whole, and the life domains from anyone about the family', () => {
    expect(instrumentSubjectProblem('experience', null, 'family')).toBeNull();
    expect(instrumentSubjectProblem('experience', null, 'professional')).toEqual({ path: 'respondent', message: 'respondent_family_only' });
    expect(instrumentSubjectProblem('experience', parent, 'family')).toEqual({ path: 'personId', message: 'family_instrument_no_person' });
    expect(instrumentSubjectProblem('life_domains', null, 'coordinator')).toBeNull();
    expect(instrumentSubjectProblem('life_domains', parent, 'coordinator')).toEqual({ path: 'personId', message: 'family_instrument_no_person' });
  });
});

describe('answers', () => {
  it('wants exactly the version’s items, each a whole number in range', () => {
    const items = instrumentItems('who5', []);
    expect(items).toEqual(WHO5_ITEMS_V1);
    expect(answerProblems('who5', items, { cheerful: 0, calm: 5, active: 1, rested: 2, interested: 3 })).toEqual([]);
    expect(answerProblems('who5', items, { cheerful: -1, calm: 5.5, active: 1, rested: 2, extra: 1 })).toEqual([
      { path: 'answers.cheerful', message: 'answer_range_0_5' },
      { path: 'answers.calm', message: 'answer_range_0_5' },
      { path: 'answers.interested', message: 'answer_required' },
      { path: 'answers.extra', message: 'unknown_item' },
    ]);
    expect(answerProblems('life_domains', instrumentItems('life_domains', ['economy', 'housing']), { economy: 10, housing: 0 })).toEqual([]);
  });

  it('scores WHO-5 as the raw sum times four', () => {
    expect(who5Score({ cheerful: 5, calm: 5, active: 5, rested: 5, interested: 5 })).toBe(100);
    expect(who5Score({ cheerful: 3, calm: 2, active: 2, rested: 1, interested: 5 })).toBe(52);
  });
});
