import { finalisedAtOf, isFinalised, type NoteDto } from '../../../shared/journal.js';
import { noteCan, type NoteViewer } from './journal.policy.js';
import type { AddendumView, NoteView } from './journal.repository.js';

/**
 * A note with its addenda, whether it is final (by its author or by the clock) and what the viewer may do. Its
 * links to `hiddenGoals` (goals the viewer's consent does not cover, decision 0017) are left out and counted.
 */
export function presentNote(n: NoteView, addenda: AddendumView[], viewer: NoteViewer, now: Date, hiddenGoals: ReadonlySet<string> = new Set()): NoteDto {
  const finalised = isFinalised(n, now);
  return {
    id: n.id,
    familyId: n.familyId,
    authorId: n.authorId,
    authorName: n.authorName,
    authorDepartmentId: n.authorDepartmentId,
    authorDepartmentName: n.authorDepartmentName,
    type: n.type,
    occurredAt: n.occurredAt.toISOString(),
    text: n.text,
    personIds: n.personIds,
    goalIds: n.goalIds.filter((id) => !hiddenGoals.has(id)),
    goalsHiddenByConsent: n.goalIds.filter((id) => hiddenGoals.has(id)).length,
    restricted: n.restricted,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    finalised,
    finalisedAt: finalised ? finalisedAtOf(n).toISOString() : null,
    autoFinalisesAt: finalised ? null : finalisedAtOf(n).toISOString(),
    addenda: addenda.map((a) => ({ id: a.id, authorId: a.authorId, authorName: a.authorName, text: a.text, createdAt: a.createdAt.toISOString() })),
    can: noteCan(viewer, n, finalised),
  };
}
