import { z } from 'zod';

export const NOTE_TYPES = ['samtale', 'hjemmebesoeg', 'telefon', 'moede', 'sms', 'andet'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

/** A note is finalised at the latest this long after it was created (notatpligt). */
export const AUTO_FINALISE_HOURS = 24;

export const NoteBody = z.strictObject({
  type: z.enum(NOTE_TYPES),
  occurredAt: z.iso.datetime({ offset: true, error: 'datetime' }),
  text: z.string().trim().min(1, { error: 'required' }).max(20_000),
  personIds: z.array(z.uuid()).default([]),
  goalIds: z.array(z.uuid()).default([]),
  restricted: z.boolean().default(false),
});

export const AddendumBody = z.strictObject({ text: z.string().trim().min(1, { error: 'required' }).max(20_000) });
