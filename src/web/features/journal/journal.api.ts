import type { z } from 'zod';
import type { AddendumBody, NoteBody, NoteDto, NoteListDto, NoteType, UpdateNoteBody } from '../../../shared/journal';
import { api } from '../../api/client';
import type { MessageKey, Translate } from '../../i18n/I18nProvider';

export type Note = NoteDto;
export type NoteList = z.infer<typeof NoteListDto>;
export interface NoteFilter {
  q?: string;
  type?: NoteType;
  personId?: string;
  goalId?: string;
}

export const journalKeys = {
  family: (familyId: string) => ['notes', familyId] as const,
  search: (familyId: string, filter: NoteFilter) => ['notes', familyId, filter] as const,
};

export function fetchNotes(familyId: string, filter: NoteFilter): Promise<NoteList> {
  return api('GET', `/api/v1/families/${encodeURIComponent(familyId)}/notes`, { query: { ...filter } });
}

export function createNote(familyId: string, body: z.input<typeof NoteBody>): Promise<Note> {
  return api('POST', `/api/v1/families/${encodeURIComponent(familyId)}/notes`, { body });
}

export function changeNote(noteId: string, body: z.input<typeof UpdateNoteBody>): Promise<Note> {
  return api('PATCH', `/api/v1/notes/${encodeURIComponent(noteId)}`, { body });
}

export function finaliseNote(noteId: string): Promise<Note> {
  return api('POST', `/api/v1/notes/${encodeURIComponent(noteId)}/finalise`);
}

export function addAddendum(noteId: string, body: z.input<typeof AddendumBody>): Promise<Note> {
  return api('POST', `/api/v1/notes/${encodeURIComponent(noteId)}/addenda`, { body });
}

const TYPE_KEYS: Record<NoteType, MessageKey> = {
  samtale: 'noteType.samtale',
  hjemmebesoeg: 'noteType.hjemmebesoeg',
  telefon: 'noteType.telefon',
  moede: 'noteType.moede',
  sms: 'noteType.sms',
  andet: 'noteType.andet',
};

export function noteTypeLabel(t: Translate, type: string): string {
  return type in TYPE_KEYS ? t(TYPE_KEYS[type as NoteType]) : type;
}
