// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { MOTHER_ID, overviewFixture } from '../families/testing/overviewFixture';
import type { PlanGoal } from '../plans/plans.api';
import { render, type Rendered } from '../../testing/render';
import type { Note } from './journal.api';
import { NoteCard } from './NoteCard';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const GOAL_ID = '00000000-0000-4000-8000-0000000000e1';
const goal: PlanGoal = {
  id: GOAL_ID,
  personId: MOTHER_ID,
  domain: 'work_education',
  horizon: 'long',
  title: 'Et fast job',
  successCriterion: 'Ansat 20 timer om ugen',
  targetDate: null,
  status: 'active',
  gas: null,
  legalRequirement: null,
  actions: [],
  interventionIds: [],
  latestRating: null,
};

const note = (over: Partial<Note>): Note => ({
  id: '00000000-0000-4000-8000-0000000000f1',
  familyId: overviewFixture().data.id,
  authorId: '00000000-0000-4000-8000-000000000051',
  authorName: 'Kim Koordinator',
  authorDepartmentId: null,
  authorDepartmentName: null,
  type: 'samtale',
  occurredAt: '2025-03-10T09:00:00.000Z',
  text: 'Samtale om praktikken.',
  personIds: [],
  goalIds: [GOAL_ID],
  goalsHiddenByConsent: 0,
  restricted: false,
  createdAt: '2025-03-10T09:30:00.000Z',
  updatedAt: '2025-03-10T09:30:00.000Z',
  finalised: true,
  finalisedAt: '2025-03-10T10:00:00.000Z',
  autoFinalisesAt: null,
  addenda: [],
  can: { edit: false, finalise: false, addAddendum: false },
  ...over,
});

const concerns = (container: HTMLElement) => {
  const dt = [...container.querySelectorAll('dt')].find((d) => d.textContent === 'Mål');
  return dt?.nextElementSibling?.textContent ?? null;
};

describe('a journal note on the family journal', () => {
  it('names the goals it concerns that the viewer may see, and counts the links the consent does not cover', async () => {
    view = await render(<NoteCard note={note({ goalsHiddenByConsent: 2 })} family={overviewFixture().data} goals={[goal]} onMessage={() => {}} />);
    expect(concerns(view.container)).toBe('Et fast job, mål, som samtykket ikke dækker for din afdeling (antal: 2)');
  });

  it('says only how many goals it concerns when the viewer may see none of them', async () => {
    view = await render(<NoteCard note={note({ goalIds: [], goalsHiddenByConsent: 1 })} family={overviewFixture().data} goals={[goal]} onMessage={() => {}} />);
    expect(concerns(view.container)).toBe('mål, som samtykket ikke dækker for din afdeling (antal: 1)');
  });

  it('names only the goals when nothing is hidden', async () => {
    view = await render(<NoteCard note={note({})} family={overviewFixture().data} goals={[goal]} onMessage={() => {}} />);
    expect(concerns(view.container)).toBe('Et fast job');
  });
});
