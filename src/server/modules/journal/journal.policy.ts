import type { FamilyRelation } from '../../../shared/families.js';
import { may } from '../families/families.policy.js';

/** Who is looking at a family's notes: the actor and how they stand to the family. */
export interface NoteViewer {
  userId: string;
  departmentId: string | null;
  relation: FamilyRelation;
}

/** What decides who sees a note. */
export interface NoteFacts {
  restricted: boolean;
  authorId: string;
  authorDepartmentId: string | null;
}

/**
 * Whether the viewer sees the note at all. A restricted note is for the author's department and the family's
 * coordinator (and the author); break-the-glass access shows unrestricted notes only. A note one may not see
 * is left out of lists and answers 404 when asked for — `visibleNotesSql` in the repository says the same.
 */
export function canSeeNote(v: NoteViewer, n: NoteFacts): boolean {
  if (!n.restricted) return true;
  if (v.relation === 'break_glass') return false;
  return n.authorId === v.userId || v.relation === 'coordinator' || (v.departmentId !== null && v.departmentId === n.authorDepartmentId);
}

/**
 * What the viewer may do with a note they see. Notatpligt: only its author edits or finalises it, and only
 * while a draft; anyone who contributes to the family may add an addendum to a finalised note.
 */
export function noteCan(v: NoteViewer, n: NoteFacts, finalised: boolean) {
  const contribute = may(v.relation, 'register_intervention');
  const author = contribute && n.authorId === v.userId;
  return { edit: author && !finalised, finalise: author && !finalised, addAddendum: contribute && finalised };
}
