// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, fieldByLabel, render, settle, type, type Rendered } from '../../testing/render';
import { CHILD_ID, MOTHER_ID, overviewFixture } from '../families/testing/overviewFixture';
import { MeetingEdit } from './MeetingEdit';
import type { Meeting } from './meetings.api';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const COORDINATOR_ID = '00000000-0000-4000-8000-000000000051';
const meeting: Meeting = {
  id: '00000000-0000-4000-8000-000000000091',
  familyId: overviewFixture().data.id,
  title: 'Netværksmøde 1',
  // 10.00–11.30 on the Danish clock (winter time).
  startsAt: '2025-03-10T09:00:00.000Z',
  endsAt: '2025-03-10T10:30:00.000Z',
  place: 'Rådhuset',
  onlineUrl: null,
  agendaGoals: [],
  agendaText: 'Skolen',
  participants: [
    { id: '00000000-0000-4000-8000-0000000000a1', kind: 'member', personId: MOTHER_ID, userId: null, name: 'Maja Hansen', relation: null, email: null, attended: null },
    { id: '00000000-0000-4000-8000-0000000000a2', kind: 'staff', personId: null, userId: COORDINATOR_ID, name: 'Kim Koordinator', relation: null, email: null, attended: null },
    { id: '00000000-0000-4000-8000-0000000000a3', kind: 'network', personId: null, userId: null, name: 'Bente', relation: 'mormor', email: 'bente@example.dk', attended: null },
  ],
  minutes: '',
  decisions: [],
  status: 'planned',
  version: 3,
  previousMeetingId: null,
  nextMeetingId: null,
  cancelledAt: null,
  cancelReason: null,
  createdBy: COORDINATOR_ID,
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  can: { edit: true, recordMinutes: true, decide: false, cancel: true, planNext: false },
  hiddenByConsent: { agendaGoals: 0, decisions: 0 },
};

const input = fieldByLabel;

const submitButton = (container: HTMLElement) => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Gem ændringer') ?? null;

describe('editing a planned meeting', () => {
  it('starts from the meeting on the Danish clock and sends the change with the version seen', async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) => new Response(JSON.stringify({ ...meeting, ...JSON.parse(String(init.body)), version: 4 }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const onSaved = vi.fn();
    view = await render(<MeetingEdit meeting={meeting} family={overviewFixture().data} goals={[]} onSaved={onSaved} onClosed={() => {}} onCancel={() => {}} />);
    const { container } = view;
    expect(input(container, 'Mødets titel').value).toBe('Netværksmøde 1');
    expect(input(container, 'Dato').value).toBe('2025-03-10');
    expect(input(container, 'Starttidspunkt').value).toBe('10:00');
    expect(input(container, 'Sluttidspunkt').value).toBe('11:30');
    expect(container.querySelector<HTMLInputElement>(`input[value="${MOTHER_ID}"]`)?.checked).toBe(true);
    expect(container.querySelector<HTMLInputElement>(`input[value="${CHILD_ID}"]`)?.checked).toBe(false);
    expect(container.querySelector<HTMLInputElement>(`input[value="${COORDINATOR_ID}"]`)?.checked).toBe(true);

    await type(input(container, 'Starttidspunkt'), '13:00');
    await type(input(container, 'Sluttidspunkt'), '14:00');
    await click(submitButton(container));
    await settle();

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toContain(`/api/v1/meetings/${meeting.id}`);
    expect(init.method).toBe('PATCH');
    const body = JSON.parse(String(init.body));
    expect(body).toMatchObject({ version: 3, title: 'Netværksmøde 1', startsAt: '2025-03-10T12:00:00.000Z', endsAt: '2025-03-10T13:00:00.000Z', place: 'Rådhuset', onlineUrl: null, agendaText: 'Skolen' });
    expect(body.participants).toEqual([
      { kind: 'network', name: 'Bente', relation: 'mormor', email: 'bente@example.dk' },
      { kind: 'member', personId: MOTHER_ID },
      { kind: 'staff', userId: COORDINATOR_ID },
    ]);
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('on a stale version shows the server’s message, keeps the input and offers to reload', async () => {
    const message = 'Mødet er ændret af en anden, mens du arbejdede.';
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'meeting_conflict', message } }), { status: 409 })));
    const onSaved = vi.fn();
    view = await render(<MeetingEdit meeting={meeting} family={overviewFixture().data} goals={[]} onSaved={onSaved} onClosed={() => {}} onCancel={() => {}} />);
    const { container } = view;
    await type(input(container, 'Mødets titel'), 'Flyttet møde');
    await click(submitButton(container));
    await settle();

    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(message);
    expect([...(alert?.querySelectorAll('button') ?? [])].map((b) => b.textContent)).toContain('Genindlæs mødet');
    expect(input(container, 'Mødets titel').value).toBe('Flyttet møde');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('hands a held or cancelled meeting’s refusal to the page', async () => {
    const message = 'Mødet er afholdt eller aflyst og kan ikke længere ændres eller aflyses.';
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'meeting_closed', message } }), { status: 409 })));
    const onClosed = vi.fn();
    view = await render(<MeetingEdit meeting={meeting} family={overviewFixture().data} goals={[]} onSaved={() => {}} onClosed={onClosed} onCancel={() => {}} />);
    await click(submitButton(view.container));
    await settle();
    expect(onClosed).toHaveBeenCalledWith(message);
  });
});
