import type { z } from 'zod';
import { isFinalised, type AddendumBody, type NoteBody, type NoteDto, type NoteListDto, type NoteSearchQuery, type UpdateNoteBody } from '../../../shared/journal.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireFamily } from '../families/families.access.js';
import { may, type FamilyAction } from '../families/families.policy.js';
import { membersOf } from '../families/persons.repository.js';
import { hiddenGoalIds } from '../plans/goal-visibility.js';
import type { ConsentKind } from '../../../shared/families.js';
import { coversDomain } from '../../../shared/consent-kinds.js';
import { withoutCpr } from '../../../shared/cpr.js';
import { canSeeNote, type NoteViewer } from './journal.policy.js';
import { presentNote } from './journal.presenter.js';
import { addendaOf, familyGoalDomains, findNote, insertAddendum, insertNote, searchNotes, updateNote, type NoteView } from './journal.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How far ahead of the server's clock a contact time may lie (a client's clock may run a little fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

function viewerOf(ctx: Ctx, relation: NoteViewer['relation']): NoteViewer {
  const actor = actorOf(ctx);
  return { userId: actor.userId, departmentId: actor.departmentId, relation };
}

/** The persons notes are about: each note's persons, or every member of the family for a note about no one in particular. */
async function personsOfNotes(ctx: Ctx, familyId: string, notes: Array<{ personIds: string[] }>): Promise<string[]> {
  const ids = new Set(notes.flatMap((n) => n.personIds));
  if (notes.some((n) => n.personIds.length === 0)) {
    for (const m of await membersOf(ctx.tx, ctx.municipalityId, familyId)) ids.add(m.person.id);
  }
  return [...ids];
}

/**
 * Persons must be members of the family, goals its plan's goals the actor may see (a goal of a life domain
 * their consent does not cover answers as one not in the plan, decision 0017), and the contact must have happened.
 */
async function checkNote(
  ctx: Ctx,
  familyId: string,
  b: { personIds?: string[]; goalIds?: string[]; occurredAt?: string },
  kinds: readonly ConsentKind[],
  problems: FieldProblem[],
) {
  if (b.personIds && b.personIds.length > 0) {
    const members = new Set((await membersOf(ctx.tx, ctx.municipalityId, familyId)).map((m) => m.person.id));
    b.personIds.forEach((id, i) => {
      if (!members.has(id)) problems.push({ path: `personIds.${i}`, message: 'unknown_person' });
    });
  }
  if (b.goalIds && b.goalIds.length > 0) {
    const goals = await familyGoalDomains(ctx.tx, ctx.municipalityId, familyId, b.goalIds);
    b.goalIds.forEach((id, i) => {
      const domain = goals.get(id);
      if (domain === undefined || !coversDomain(kinds, domain)) problems.push({ path: `goalIds.${i}`, message: 'unknown_goal' });
    });
  }
  if (b.occurredAt && new Date(b.occurredAt).getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) {
    problems.push({ path: 'occurredAt', message: 'date_in_future' });
  }
}

/**
 * The note, if the actor may do `action` on its family and may see it (restriction). Otherwise the same 404 as
 * for a note that does not exist, so ids cannot be probed; the refusal is audited.
 */
async function requireNote(ctx: Ctx, noteId: string, action: FamilyAction): Promise<{ note: NoteView; viewer: NoteViewer; kinds: ConsentKind[] }> {
  const note = UUID.test(noteId) ? await findNote(ctx.tx, ctx.municipalityId, noteId) : undefined;
  const deny = async (details: Record<string, unknown>): Promise<never> => {
    await audit(ctx, {
      action: 'access.denied',
      targetType: 'journal_note',
      targetId: UUID.test(noteId) ? noteId : undefined,
      outcome: 'denied',
      details: { attempted: `note.${action}`, ...details },
    });
    throw new AppError('note_not_found').keepingWrites();
  };
  if (!note) return deny({ exists: false });
  let relation: NoteViewer['relation'];
  let kinds: ConsentKind[];
  try {
    ({ relation, kinds } = await requireFamily(ctx, note.familyId, action));
  } catch (e) {
    // requireFamily has audited the refusal; answer as for a note that does not exist.
    if (e instanceof AppError && e.code === 'family_not_found') throw new AppError('note_not_found').keepingWrites();
    throw e;
  }
  const viewer = viewerOf(ctx, relation);
  if (!canSeeNote(viewer, note)) return deny({ exists: true, restricted: true, relation });
  return { note, viewer, kinds };
}

/** Only the author changes or finalises a note; anyone else is refused (audited). */
async function requireAuthor(ctx: Ctx, note: NoteView, attempted: string): Promise<void> {
  if (note.authorId === actorOf(ctx).userId) return;
  await audit(ctx, { action: 'access.denied', targetType: 'journal_note', targetId: note.id, outcome: 'denied', details: { attempted } });
  throw new AppError('note_not_author').keepingWrites();
}

/** The note as the viewer may see it: links to goals their consent does not cover are left out and counted (0017). */
async function noteDto(ctx: Ctx, noteId: string, viewer: NoteViewer, kinds: readonly ConsentKind[]): Promise<NoteDto> {
  const note = (await findNote(ctx.tx, ctx.municipalityId, noteId))!;
  return presentNote(note, await addendaOf(ctx.tx, ctx.municipalityId, [noteId]), viewer, ctx.now, await hiddenGoalIds(ctx, kinds, note.goalIds));
}

/** The database's own refusal to change a finalised note (the journal_note_locked trigger). */
function isFinalisedRefusal(e: unknown): boolean {
  for (let err = e as { code?: unknown; cause?: unknown } | undefined; err; err = err.cause as typeof err) {
    if (err.code === '23514') return true;
  }
  return false;
}

/** Writes a journal note for the family; the actor is its author, in their department. */
export async function createNote(ctx: Ctx, familyId: string, body: NoteBody): Promise<NoteDto> {
  const { relation, kinds } = await requireFamily(ctx, familyId, 'register_intervention');
  const actor = actorOf(ctx);
  const problems: FieldProblem[] = [];
  await checkNote(ctx, familyId, body, kinds, problems);
  refuse(problems);
  const row = await insertNote(ctx.tx, {
    municipalityId: ctx.municipalityId,
    familyId,
    authorId: actor.userId,
    authorDepartmentId: actor.departmentId,
    type: body.type,
    occurredAt: new Date(body.occurredAt),
    text: body.text,
    personIds: [...new Set(body.personIds)],
    goalIds: [...new Set(body.goalIds)],
    restricted: body.restricted,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await audit(ctx, {
    action: 'note.create',
    targetType: 'journal_note',
    targetId: row.id,
    personIds: await personsOfNotes(ctx, familyId, [row]),
    details: { familyId, type: row.type, occurredAt: row.occurredAt.toISOString(), goalIds: row.goalIds, restricted: row.restricted },
  });
  return noteDto(ctx, row.id, viewerOf(ctx, relation), kinds);
}

export async function getNote(ctx: Ctx, noteId: string): Promise<NoteDto> {
  const { note, viewer, kinds } = await requireNote(ctx, noteId, 'read');
  const dto = await noteDto(ctx, note.id, viewer, kinds);
  await audit(ctx, {
    action: 'note.read',
    targetType: 'journal_note',
    targetId: note.id,
    personIds: await personsOfNotes(ctx, note.familyId, [note]),
    details: { familyId: note.familyId, relation: viewer.relation, goalsShown: dto.goalIds, goalsHiddenByConsent: dto.goalsHiddenByConsent },
  });
  return dto;
}

/**
 * The family's notes the actor may see, newest contact first, each with its addenda. A list with criteria is a
 * search: the criteria (CPR-shaped text blanked) and the persons shown are audited.
 */
export async function listNotes(ctx: Ctx, familyId: string, q: NoteSearchQuery): Promise<z.infer<typeof NoteListDto>> {
  const { relation, kinds } = await requireFamily(ctx, familyId, 'read');
  const viewer = viewerOf(ctx, relation);
  const text = q.q?.trim() || undefined;
  // Searching by a goal the viewer's consent does not cover finds nothing, as for a goal not in the plan (0017).
  // The text search reads the notes' and addenda's own words only, never goal titles.
  const goalHidden = q.goalId !== undefined && (await hiddenGoalIds(ctx, kinds, [q.goalId])).has(q.goalId);
  const rows = goalHidden
    ? []
    : await searchNotes(ctx.tx, ctx.municipalityId, { familyId, viewer, q: text, type: q.type, personId: q.personId, goalId: q.goalId }, q.limit + 1);
  const truncated = rows.length > q.limit;
  const shown = rows.slice(0, q.limit);
  const addenda = await addendaOf(ctx.tx, ctx.municipalityId, shown.map((n) => n.id));
  const hiddenGoals = await hiddenGoalIds(ctx, kinds, shown.flatMap((n) => n.goalIds));
  const searched = text !== undefined || q.type !== undefined || q.personId !== undefined || q.goalId !== undefined;
  await audit(ctx, {
    action: searched ? 'note.search' : 'note.read',
    targetType: 'family',
    targetId: familyId,
    personIds: await personsOfNotes(ctx, familyId, shown),
    details: {
      relation,
      ...(searched ? { criteria: { q: text === undefined ? undefined : withoutCpr(text), type: q.type, personId: q.personId, goalId: q.goalId } } : {}),
      notes: shown.length,
      noteIds: shown.map((n) => n.id),
      truncated,
    },
  });
  return {
    notes: shown.map((n) => presentNote(n, addenda.filter((a) => a.noteId === n.id), viewer, ctx.now, hiddenGoals)),
    truncated,
    can: { write: may(relation, 'register_intervention') },
  };
}

/** Edits a draft: only its author, only before it is finalised (by the author, or 24 hours after creation). */
export async function changeNote(ctx: Ctx, noteId: string, body: UpdateNoteBody): Promise<NoteDto> {
  const { note, viewer, kinds } = await requireNote(ctx, noteId, 'register_intervention');
  await requireAuthor(ctx, note, 'note.update');
  if (isFinalised(note, ctx.now)) throw new AppError('note_finalised');
  const problems: FieldProblem[] = [];
  await checkNote(ctx, note.familyId, body, kinds, problems);
  refuse(problems);
  // Links to goals the author can no longer see (the consent changed) stay: they were not shown, so not chosen away.
  const keptHidden = body.goalIds ? [...(await hiddenGoalIds(ctx, kinds, note.goalIds))] : [];
  try {
    await updateNote(ctx.tx, ctx.municipalityId, note.id, {
      type: body.type,
      occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
      text: body.text,
      personIds: body.personIds ? [...new Set(body.personIds)] : undefined,
      goalIds: body.goalIds ? [...new Set([...body.goalIds, ...note.goalIds.filter((id) => keptHidden.includes(id))])] : undefined,
      restricted: body.restricted,
      updatedAt: ctx.now,
    });
  } catch (e) {
    // The clock passed 24 hours between our check and the database's.
    if (isFinalisedRefusal(e)) throw new AppError('note_finalised');
    throw e;
  }
  const changed = Object.entries(body)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
  await audit(ctx, {
    action: 'note.update',
    targetType: 'journal_note',
    targetId: note.id,
    personIds: await personsOfNotes(ctx, note.familyId, [note, ...(body.personIds ? [{ personIds: body.personIds }] : [])]),
    details: { familyId: note.familyId, changed, ...(body.restricted !== undefined ? { restricted: body.restricted } : {}) },
  });
  return noteDto(ctx, note.id, viewer, kinds);
}

/** The author finalises a draft; from then on it never changes. Finalising a final note changes nothing. */
export async function finaliseNote(ctx: Ctx, noteId: string): Promise<NoteDto> {
  const { note, viewer, kinds } = await requireNote(ctx, noteId, 'register_intervention');
  await requireAuthor(ctx, note, 'note.finalise');
  if (!isFinalised(note, ctx.now)) {
    await updateNote(ctx.tx, ctx.municipalityId, note.id, { finalisedAt: ctx.now, updatedAt: ctx.now });
    await audit(ctx, {
      action: 'note.finalise',
      targetType: 'journal_note',
      targetId: note.id,
      personIds: await personsOfNotes(ctx, note.familyId, [note]),
      details: { familyId: note.familyId },
    });
  }
  return noteDto(ctx, note.id, viewer, kinds);
}

/** A correction or addition to a finalised note, by anyone who contributes to the family; shown with the note. */
export async function addAddendum(ctx: Ctx, noteId: string, body: z.infer<typeof AddendumBody>): Promise<NoteDto> {
  const { note, viewer, kinds } = await requireNote(ctx, noteId, 'register_intervention');
  if (!isFinalised(note, ctx.now)) throw new AppError('note_not_finalised');
  const row = await insertAddendum(ctx.tx, {
    municipalityId: ctx.municipalityId,
    noteId: note.id,
    authorId: actorOf(ctx).userId,
    text: body.text,
    createdAt: ctx.now,
  });
  await audit(ctx, {
    action: 'note.addendum',
    targetType: 'journal_note',
    targetId: note.id,
    personIds: await personsOfNotes(ctx, note.familyId, [note]),
    details: { familyId: note.familyId, addendumId: row.id },
  });
  return noteDto(ctx, note.id, viewer, kinds);
}
