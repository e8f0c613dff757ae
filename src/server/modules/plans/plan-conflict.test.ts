import { describe, expect, it } from 'vitest';
import { MAX_CONFLICT_LINES, describeDraftChanges, type DraftChanges } from './plan-conflict.js';

const label = (code: string) => ({ economy: 'Økonomi', housing: 'Bolig' })[code] ?? code;
const none: DraftChanges = { goals: [], actions: [], baseline: [] };

describe('describeDraftChanges', () => {
  it('names each goal added, changed or removed since the version seen, and who did it', () => {
    const changes: DraftChanges = {
      ...none,
      goals: [
        { id: 'g1', title: 'Få en bolig', createdInDraft: 4, removed: false, byName: 'Karin Koordinator' },
        { id: 'g2', title: 'Få styr på økonomien', createdInDraft: 1, removed: false, byName: 'Jens Jobkonsulent' },
        { id: 'g3', title: 'Gå til fodbold', createdInDraft: 2, removed: true, byName: null },
      ],
    };
    expect(describeDraftChanges(changes, 3, 'da', label)).toEqual([
      { path: 'goals.g1', message: 'Målet »Få en bolig« er tilføjet af Karin Koordinator.' },
      { path: 'goals.g2', message: 'Målet »Få styr på økonomien« er ændret af Jens Jobkonsulent.' },
      { path: 'goals.g3', message: 'Målet »Gå til fodbold« er fjernet.' },
    ]);
  });

  it('names changed actions with their goal, but not the actions of a goal added or removed as a whole', () => {
    const changes: DraftChanges = {
      goals: [{ id: 'g1', title: 'Ny bolig', createdInDraft: 5, removed: false, byName: 'Karin' }],
      actions: [
        { id: 'a1', goalId: 'g1', what: 'Skriv op', goalTitle: 'Ny bolig', createdInDraft: 5, removed: false, byName: 'Karin' },
        { id: 'a2', goalId: 'g2', what: 'Ring til banken', goalTitle: 'Økonomi', createdInDraft: 1, removed: false, byName: 'Jens' },
      ],
      baseline: [{ domain: 'economy', byName: 'Jens' }],
    };
    expect(describeDraftChanges(changes, 4, 'en', label)).toEqual([
      { path: 'goals.g1', message: 'The goal “Ny bolig” was added by Karin.' },
      { path: 'goals.g2.actions.a2', message: 'The action “Ring til banken” under the goal “Økonomi” was changed by Jens.' },
      { path: 'baseline.economy', message: 'The baseline for the life domain Økonomi was changed by Jens.' },
    ]);
  });

  it('says the plan is newer when no single change can be named', () => {
    expect(describeDraftChanges(none, 2, 'da', label)).toEqual([{ path: '', message: expect.stringContaining('Genindlæs') }]);
  });

  it('lists at most the first changes and counts the rest', () => {
    const goals = Array.from({ length: MAX_CONFLICT_LINES + 3 }, (_, i) => ({ id: `g${i}`, title: `Mål ${i}`, createdInDraft: 1, removed: false, byName: null }));
    const out = describeDraftChanges({ ...none, goals }, 1, 'da', label);
    expect(out).toHaveLength(MAX_CONFLICT_LINES + 1);
    expect(out.at(-1)).toEqual({ path: '', message: '… og 3 ændringer mere.' });
  });
});
