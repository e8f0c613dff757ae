import { describe, expect, it } from 'vitest';
import type { FamilyRelation } from '../../../shared/families.js';
import { canSeeNote, noteCan, type NoteFacts, type NoteViewer } from './journal.policy.js';

const AUTHOR = 'author';
const JOBCENTER = 'dept-jobcenter';
const SCHOOL = 'dept-school';
const restricted: NoteFacts = { restricted: true, authorId: AUTHOR, authorDepartmentId: JOBCENTER };
const open: NoteFacts = { ...restricted, restricted: false };
const viewer = (relation: FamilyRelation, departmentId: string | null, userId = 'someone'): NoteViewer => ({ userId, departmentId, relation });

describe('canSeeNote', () => {
  it.each<[string, NoteViewer, boolean]>([
    ['the author', viewer('team', JOBCENTER, AUTHOR), true],
    ['a team member of the author’s department', viewer('team', JOBCENTER), true],
    ['a team member of another department', viewer('team', SCHOOL), false],
    ['a team member without a department', viewer('team', null), false],
    ['the family’s coordinator, whatever the department', viewer('coordinator', SCHOOL), true],
    ['the supervising manager of another department', viewer('manager', SCHOOL), false],
    ['the supervising manager of the author’s department', viewer('manager', JOBCENTER), true],
    ['a break-the-glass reader, even of the author’s department', viewer('break_glass', JOBCENTER), false],
  ])('a restricted note is seen by %s: %s', (_, v, expected) => {
    expect(canSeeNote(v, restricted)).toBe(expected);
  });

  it.each<FamilyRelation>(['coordinator', 'team', 'manager', 'break_glass'])('an unrestricted note is seen by every reader (%s)', (relation) => {
    expect(canSeeNote(viewer(relation, SCHOOL), open)).toBe(true);
  });
});

describe('noteCan', () => {
  it.each<[string, NoteViewer, boolean, ReturnType<typeof noteCan>]>([
    ['the author edits and finalises a draft', viewer('team', JOBCENTER, AUTHOR), false, { edit: true, finalise: true, addAddendum: false }],
    ['the author adds to a finalised note', viewer('team', JOBCENTER, AUTHOR), true, { edit: false, finalise: false, addAddendum: true }],
    ['the coordinator does not edit another’s draft', viewer('coordinator', SCHOOL), false, { edit: false, finalise: false, addAddendum: false }],
    ['the coordinator adds to a finalised note', viewer('coordinator', SCHOOL), true, { edit: false, finalise: false, addAddendum: true }],
    ['a manager only reads', viewer('manager', JOBCENTER), true, { edit: false, finalise: false, addAddendum: false }],
    ['an author who now only breaks the glass only reads', viewer('break_glass', JOBCENTER, AUTHOR), false, { edit: false, finalise: false, addAddendum: false }],
  ])('%s', (_, v, finalised, expected) => {
    expect(noteCan(v, open, finalised)).toEqual(expected);
  });
});
