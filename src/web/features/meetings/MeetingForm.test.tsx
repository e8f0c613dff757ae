// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, type IsoDate } from '../../../shared/dates';
import { todayIso } from '../../lib/format';
import { fieldByLabel, render, type Rendered } from '../../testing/render';
import { CHILD_ID, MOTHER_ID, overviewFixture } from '../families/testing/overviewFixture';
import { useFormErrors } from '../forms/useFormErrors';
import { MeetingForm } from './MeetingForm';
import type { Meeting } from './meetings.api';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const family = overviewFixture().data;
const meeting = (startsAt: string, endsAt: string): Meeting => ({
  id: '00000000-0000-4000-8000-000000000091',
  familyId: family.id,
  title: 'Netværksmøde',
  startsAt,
  endsAt,
  place: 'Rådhuset',
  onlineUrl: null,
  agendaGoals: [],
  agendaText: 'Skolen',
  participants: [
    { id: '00000000-0000-4000-8000-0000000000a1', kind: 'member', personId: MOTHER_ID, userId: null, name: 'Maja Hansen', relation: null, email: null, attended: true },
    { id: '00000000-0000-4000-8000-0000000000a3', kind: 'network', personId: null, userId: null, name: 'Bente', relation: 'mormor', email: null, attended: true },
  ],
  minutes: 'Vi aftalte at mødes igen.',
  decisions: [],
  status: 'held',
  version: 2,
  previousMeetingId: null,
  nextMeetingId: null,
  cancelledAt: null,
  cancelReason: null,
  createdBy: '00000000-0000-4000-8000-000000000051',
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  can: { edit: false, recordMinutes: true, decide: true, cancel: false, planNext: true },
  hiddenByConsent: { agendaGoals: 0, decisions: 0 },
});

function NextForm({ initial }: { initial: Meeting }) {
  const form = useFormErrors('next-meeting');
  return <MeetingForm formId="next-meeting" form={form} heading="Planlæg næste møde" submitLabel="Planlæg mødet" family={family} goals={[]} initial={initial} asNext pending={false} onSubmit={() => {}} onCancel={() => {}} />;
}

describe('proposing the next network meeting', () => {
  it('starts from the meeting before: its title, place, time of day and participants, four weeks on, with a new agenda text', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"staff":[]}', { status: 200 })));
    // 10.00–11.30 on the Danish clock in March 2099; four weeks on is after the change to summer time.
    view = await render(<NextForm initial={meeting('2099-03-10T09:00:00.000Z', '2099-03-10T10:30:00.000Z')} />);
    const { container } = view;
    expect(fieldByLabel(container, 'Mødets titel').value).toBe('Netværksmøde');
    expect(fieldByLabel(container, 'Dato').value).toBe('2099-04-07');
    expect(fieldByLabel(container, 'Starttidspunkt').value).toBe('10:00');
    expect(fieldByLabel(container, 'Sluttidspunkt').value).toBe('11:30');
    expect(container.querySelector<HTMLTextAreaElement>('textarea')?.value ?? '').toBe('');
    expect(container.querySelector<HTMLInputElement>(`input[value="${MOTHER_ID}"]`)?.checked).toBe(true);
    expect(container.querySelector<HTMLInputElement>(`input[value="${CHILD_ID}"]`)?.checked).toBe(false);
    expect([...container.querySelectorAll<HTMLInputElement>('input')].some((i) => i.value === 'Bente')).toBe(true);
  });

  it('proposes a week from today when four weeks after the meeting has already passed', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"staff":[]}', { status: 200 })));
    view = await render(<NextForm initial={meeting('2025-03-10T09:00:00.000Z', '2025-03-10T10:30:00.000Z')} />);
    expect(fieldByLabel(view.container, 'Dato').value).toBe(addDays(todayIso() as IsoDate, 7));
  });
});
