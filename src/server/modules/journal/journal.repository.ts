import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { NoteType } from '../../../shared/journal.js';
import type { Tx } from '../../db/client.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { planGoal } from '../plans/plans.table.js';
import type { NoteViewer } from './journal.policy.js';
import { journalAddendum, journalNote } from './journal.table.js';
import { executePrepared, literalLimit } from '../../db/prepared.js';

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

/** The same rule as `canSeeNote`, as a condition on journal_note. */
export function visibleNotesSql(v: NoteViewer): SQL {
  if (v.relation === 'break_glass') return sql`${journalNote.restricted} = false`;
  const ownDepartment = v.departmentId === null ? sql`false` : sql`${journalNote.authorDepartmentId} = ${v.departmentId}`;
  return or(
    sql`${journalNote.restricted} = false`,
    eq(journalNote.authorId, v.userId),
    v.relation === 'coordinator' ? sql`true` : sql`false`,
    ownDepartment,
  )!;
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

/**
 * A family's notes the viewer may see, matching the filter, newest contact first. `fixedLimit`: the limit is one of the code's fixed page
 * sizes (the overview's 5), so it may be written into the statement's text and the plan kept (db/prepared.ts);
 * a limit from the request stays a parameter.
 */
export async function searchNotes(tx: Tx, municipalityId: string, f: NoteFilter, limit: number, fixedLimit = false): Promise<NoteView[]> {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  // The overview runs this at every read; the filters present and the viewer's relation give a few texts, each
  // a named statement (db/prepared.ts).
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
    .limit(fixedLimit ? literalLimit(limit) : limit));
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
