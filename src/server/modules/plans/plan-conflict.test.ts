import { describe, expect, it } from 'vitest';
import { MAX_CONFLICT_LINES, describeDraftChanges, narrowDraftChanges, type DraftChanges } from './plan-conflict.js';

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

  it('leaves out goals, actions and baseline of domains the consent does not cover, and counts them in a last line', () => {
    const narrowed = narrowDraftChanges(
      {
        goals: [
          { id: 'g1', title: 'Et fast job', domain: 'work_education', createdInDraft: 1, removed: false, byName: 'Karin' },
          { id: 'g2', title: 'Styr på gælden', domain: 'economy', createdInDraft: 1, removed: false, byName: 'Karin' },
        ],
        actions: [
          { id: 'a1', goalId: 'g2', what: 'Ring til banken', goalTitle: 'Styr på gælden', goalDomain: 'economy', createdInDraft: 1, removed: false, byName: 'Karin' },
          { id: 'a2', goalId: 'g1', what: 'Skriv CV', goalTitle: 'Et fast job', goalDomain: 'work_education', createdInDraft: 1, removed: false, byName: 'Karin' },
        ],
        baseline: [{ domain: 'economy', byName: 'Karin' }],
      },
      ['employment'],
    );
    expect(narrowed.hidden).toBe(3);
    expect(narrowed.changes.goals.map((g) => g.id)).toEqual(['g1']);
    expect(narrowed.changes.actions.map((a) => a.id)).toEqual(['a2']);
    expect(narrowed.changes.baseline).toEqual([]);
    const out = describeDraftChanges(narrowed.changes, 1, 'da', label, narrowed.hidden);
    expect(out.map((p) => p.path)).toEqual(['goals.g1', 'goals.g1.actions.a2', '']);
    expect(out.at(-1)!.message).toBe('3 ændringer i livsområder, som samtykket ikke dækker for din afdeling, vises ikke.');
    expect(JSON.stringify(out)).not.toMatch(/gælden|banken|Økonomi/);
  });

  it('says only that the plan is newer, and how many changes are not shown, when every change is hidden', () => {
    expect(describeDraftChanges(none, 1, 'en', label, 1)).toEqual([
      { path: '', message: expect.stringContaining('Reload') },
      { path: '', message: '1 change in a life domain the consent does not cover for your department is not shown.' },
    ]);
  });
});
