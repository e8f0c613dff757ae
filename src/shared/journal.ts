import { z } from 'zod';
import { idError } from './field-messages.js';

export const NOTE_TYPES = ['samtale', 'hjemmebesoeg', 'telefon', 'moede', 'sms', 'andet'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

/** A note is finalised at the latest this long after it was created (notatpligt). */
export const AUTO_FINALISE_HOURS = 24;
export const MAX_NOTE_TEXT = 20_000;

/**
 * Whether a note can no longer change: its author finalised it, or it was created at least 24 hours ago.
 * The database's trigger on journal_note applies the same rule.
 */
export function isFinalised(note: { finalisedAt: Date | string | null; createdAt: Date | string }, now: Date): boolean {
  if (note.finalisedAt !== null) return true;
  return new Date(note.createdAt).getTime() + AUTO_FINALISE_HOURS * 3_600_000 <= now.getTime();
}

/** When the note became (or becomes) final: the author's finalisation, else 24 hours after creation. */
export function finalisedAtOf(note: { finalisedAt: Date | string | null; createdAt: Date | string }): Date {
  if (note.finalisedAt !== null) return new Date(note.finalisedAt);
  return new Date(new Date(note.createdAt).getTime() + AUTO_FINALISE_HOURS * 3_600_000);
}

const NoteText = z.string().trim().min(1, { error: 'required' }).max(MAX_NOTE_TEXT);
const OccurredAt = z.iso.datetime({ offset: true, error: 'datetime' });
const Ids = z.array(z.uuid({ error: idError })).max(50);

export const NoteBody = z.strictObject({
  type: z.enum(NOTE_TYPES),
  /** When the contact happened (may be before the note is written, never after). */
  occurredAt: OccurredAt,
  text: NoteText,
  /** Family members the note is about. */
  personIds: Ids.default([]),
  /** Goals of the family's plan the note concerns. */
  goalIds: Ids.default([]),
  /** Visible only to the author's department and the family's coordinator. */
  restricted: z.boolean().default(false),
});
export type NoteBody = z.infer<typeof NoteBody>;

/** A change to a draft note (only its author, only before it is finalised). */
export const UpdateNoteBody = z.strictObject({
  type: z.enum(NOTE_TYPES).optional(),
  occurredAt: OccurredAt.optional(),
  text: NoteText.optional(),
  personIds: Ids.optional(),
  goalIds: Ids.optional(),
  restricted: z.boolean().optional(),
});
export type UpdateNoteBody = z.infer<typeof UpdateNoteBody>;

export const AddendumBody = z.strictObject({ text: NoteText });

export const NoteParams = z.strictObject({ noteId: z.string() });
export const FamilyNotesParams = z.strictObject({ id: z.string() });

/** Search within one family's notes. `q` matches the text of a note or its addenda. */
export const NoteSearchQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  type: z.enum(NOTE_TYPES).optional(),
  personId: z.uuid({ error: idError }).optional(),
  goalId: z.uuid({ error: idError }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type NoteSearchQuery = z.infer<typeof NoteSearchQuery>;

export const AddendumDto = z.object({
  id: z.uuid(),
  authorId: z.uuid(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
});

export const NoteDto = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  authorId: z.uuid(),
  authorName: z.string(),
  authorDepartmentId: z.uuid().nullable(),
  authorDepartmentName: z.string().nullable(),
  type: z.enum(NOTE_TYPES),
  occurredAt: z.string(),
  text: z.string(),
  personIds: z.array(z.uuid()),
  /** Goals of the plan the note is about, those the viewer may see. */
  goalIds: z.array(z.uuid()),
  /** Links to goals left out because the consent does not cover their life domain for the viewer (decision 0017). */
  goalsHiddenByConsent: z.number().int(),
  restricted: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finalised: z.boolean(),
  /** When it became final (by its author, or by the clock 24 hours after creation); null while a draft. */
  finalisedAt: z.string().nullable(),
  /** A draft becomes final by itself at this time. */
  autoFinalisesAt: z.string().nullable(),
  addenda: z.array(AddendumDto),
  can: z.object({ edit: z.boolean(), finalise: z.boolean(), addAddendum: z.boolean() }),
});
export type NoteDto = z.infer<typeof NoteDto>;

export const NoteListDto = z.object({
  notes: z.array(NoteDto),
  truncated: z.boolean(),
  can: z.object({ write: z.boolean() }),
});
