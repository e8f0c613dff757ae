import { and, asc, desc, eq, inArray, isNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { NoteType } from '../../../shared/journal.js';
import type { Tx } from '../../db/client.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { planGoal } from '../plans/plans.table.js';
import type { NoteViewer } from './journal.policy.js';
import { journalAddendum, journalNote } from './journal.table.js';
import { executePrepared } from '../../db/prepared.js';

export type NoteRow = typeof journalNote.$inferSelect;
export type AddendumRow = typeof journalAddendum.$inferSelect;

/** A note with the names shown next to it. */
export interface NoteView extends NoteRow {
  authorName: string;
  authorDepartmentName: string | null;
}

export interface AddendumView extends AddendumRow {
  authorName: string;
}

/** A viewer as values of a statement: plain values, or placeholders of a statement built once (db/prepared.ts). */
export type NoteViewerSql = { [K in keyof NoteViewer]: NoteViewer[K] | Placeholder };

/**
 * The same rule as `canSeeNote`, as a condition on journal_note: unrestricted, or (except under break-the-glass)
 * the viewer's own, the family's coordinator's, or from the viewer's department. One text for every relation, so it
 * can stand in a statement built once with the relation as a parameter (the family overview's).
 */
export function visibleNotesSql(v: NoteViewerSql): SQL {
  return sql`(${journalNote.restricted} = false
              or (${v.relation}::text <> 'break_glass'
                  and (${journalNote.authorId} = ${v.userId}::uuid or ${v.relation}::text = 'coordinator'
                       or ${journalNote.authorDepartmentId} = ${v.departmentId}::uuid)))`;
}

function viewQuery(tx: Tx) {
  return tx
    .select({ row: journalNote, authorName: staffUser.name, authorDepartmentName: department.name })
    .from(journalNote)
    .innerJoin(staffUser, and(eq(staffUser.municipalityId, journalNote.municipalityId), eq(staffUser.id, journalNote.authorId)))
    .leftJoin(department, and(eq(department.municipalityId, journalNote.municipalityId), eq(department.id, journalNote.authorDepartmentId)));
}

function toView(r: { row: NoteRow; authorName: string; authorDepartmentName: string | null }): NoteView {
  return { ...r.row, authorName: r.authorName, authorDepartmentName: r.authorDepartmentName };
}

export async function findNote(tx: Tx, municipalityId: string, id: string): Promise<NoteView | undefined> {
  const [row] = await viewQuery(tx)
    .where(and(eq(journalNote.municipalityId, municipalityId), eq(journalNote.id, id)))
    .limit(1);
  return row && toView(row);
}

export async function insertNote(tx: Tx, values: typeof journalNote.$inferInsert): Promise<NoteRow> {
  const [row] = await tx.insert(journalNote).values(values).returning();
  return row!;
}

/** Writes a change to a note. The database refuses (check_violation) if the note is finalised. */
export async function updateNote(tx: Tx, municipalityId: string, id: string, values: Partial<typeof journalNote.$inferInsert>): Promise<void> {
  await tx
    .update(journalNote)
    .set(values)
    .where(and(eq(journalNote.municipalityId, municipalityId), eq(journalNote.id, id)));
}

export interface NoteFilter {
  familyId: string;
  viewer: NoteViewer;
  /** Matched case-insensitively against the note's text and its addenda. */
  q?: string;
  type?: NoteType;
  personId?: string;
  goalId?: string;
}

/** A family's notes the viewer may see, matching the filter, newest contact first. */
export async function searchNotes(tx: Tx, municipalityId: string, f: NoteFilter, limit: number): Promise<NoteView[]> {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  // The filters present give a few texts, each a named statement (db/prepared.ts).
  const rows = await executePrepared(viewQuery(tx)
    .where(
      and(
        eq(journalNote.municipalityId, municipalityId),
        eq(journalNote.familyId, f.familyId),
        visibleNotesSql(f.viewer),
        f.type ? eq(journalNote.type, f.type) : undefined,
        f.personId ? sql`${f.personId}::uuid = any(${journalNote.personIds})` : undefined,
        f.goalId ? sql`${f.goalId}::uuid = any(${journalNote.goalIds})` : undefined,
        like
          ? or(
              sql`${journalNote.text} ilike ${like}`,
              sql`exists (select 1 from journal_addendum a where a.municipality_id = ${journalNote.municipalityId}
                            and a.note_id = ${journalNote.id} and a.text ilike ${like})`,
            )
          : undefined,
      ),
    )
    .orderBy(desc(journalNote.occurredAt), desc(journalNote.createdAt), asc(journalNote.id))
    .limit(limit));
  return rows.map(toView);
}

/** The addenda of some notes, oldest first, with their authors' names. */
export async function addendaOf(tx: Tx, municipalityId: string, noteIds: string[]): Promise<AddendumView[]> {
  if (noteIds.length === 0) return [];
  const rows = await tx
    .select({ row: journalAddendum, authorName: staffUser.name })
    .from(journalAddendum)
    .innerJoin(staffUser, and(eq(staffUser.municipalityId, journalAddendum.municipalityId), eq(staffUser.id, journalAddendum.authorId)))
    .where(and(eq(journalAddendum.municipalityId, municipalityId), inArray(journalAddendum.noteId, noteIds)))
    .orderBy(asc(journalAddendum.createdAt), asc(journalAddendum.id));
  return rows.map((r) => ({ ...r.row, authorName: r.authorName }));
}

export async function insertAddendum(tx: Tx, values: typeof journalAddendum.$inferInsert): Promise<AddendumRow> {
  const [row] = await tx.insert(journalAddendum).values(values).returning();
  return row!;
}

/** Which of the given ids are goals of the family's plan (not removed), with their life domains. */
export async function familyGoalDomains(tx: Tx, municipalityId: string, familyId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: planGoal.id, domain: planGoal.domain })
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, municipalityId), eq(planGoal.familyId, familyId), inArray(planGoal.id, ids), isNull(planGoal.removedAt)));
  return new Map(rows.map((r) => [r.id, r.domain]));
}
