// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, render, settle, type Rendered } from '../../testing/render';
import { StatusSection } from './StatusSection';
import { overviewFixture } from './testing/overviewFixture';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\u00a0/g, ' ');
const button = (label: string) => [...document.querySelectorAll('button')].find((b) => text(b).trim() === label) ?? null;
const setValue = async (el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) =>
  act(async () => {
    const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });

const member = { id: '00000000-0000-4000-8000-0000000000e1', userId: '00000000-0000-4000-8000-0000000000e2', name: 'Jens Jobkonsulent', email: 'jens@kommune.example', departmentId: '00000000-0000-4000-8000-0000000000e3', departmentName: 'Jobcenter', role: 'Jobkonsulent', from: '2025-01-01', to: null, current: true };
const task = { id: '00000000-0000-4000-8000-0000000000c1', title: 'Ring til skolen', raised: null, due: '2025-03-20', origin: 'manual', assigneeName: 'Kim Koordinator' };

describe('ending the effort from the status section', () => {
  it('lists what still runs, offers to end it (checked), sends that, and says what was ended', async () => {
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (String(url).endsWith('/status')) {
          sent.push(JSON.parse(String(init?.body)));
          return new Response(JSON.stringify({ ok: true, ended: { interventions: 2, teamMembers: 1, meetings: 1, tasks: 1 } }), { status: 200, headers: { 'content-type': 'application/json' } });
        }
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const overview = overviewFixture({
      data: { status: 'active', team: [member], openTasks: [task], nextMeeting: { title: 'Netværksmøde', startsAt: '2099-01-01T09:00:00Z', endsAt: '2099-01-01T10:00:00Z', place: null, onlineUrl: null } },
    });
    view = await render(<StatusSection overview={overview} onReload={async () => {}} />);
    await click(button('Skift status'));
    await setValue(view.container.querySelector<HTMLSelectElement>('select')!, 'completed');
    await setValue(view.container.querySelector<HTMLTextAreaElement>('textarea')!, 'Målene er nået');
    await click(view.container.querySelector('button[type="submit"]'));
    const dialog = document.querySelector('dialog');
    expect(text(dialog)).toContain('Dette kører stadig for familien:');
    expect([...(dialog?.querySelectorAll('li') ?? [])].map((li) => text(li))).toEqual(['indsatser i gang: 2', 'teammedlemmer: 1', 'et planlagt netværksmøde', 'åbne opgaver: 1']);
    const box = document.querySelector<HTMLInputElement>('#transition-end-running');
    expect(box?.checked).toBe(true);
    await click(button('Skift til Afsluttet') ?? [...(dialog?.querySelectorAll('button') ?? [])].find((b) => /Afsluttet/.test(text(b))) ?? null);
    for (let i = 0; i < 10 && sent.length === 0; i++) await settle();
    expect(sent).toEqual([expect.objectContaining({ to: 'completed', reason: 'Målene er nået', endRunning: true })]);
    for (let i = 0; i < 5; i++) await settle();
    expect(text(view.container)).toContain('Afsluttet samtidig: indsatser: 2, teammedlemmer: 1, aflyste møder: 1, lukkede opgaver: 1.');
  });

  it('asks nothing about running work when nothing runs, and sends no endRunning', async () => {
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        sent.push(JSON.parse(String(init?.body ?? '{}')));
        return new Response(JSON.stringify({ ok: true, ended: null }), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const base = overviewFixture({ data: { status: 'active' } });
    const overview = { ...base, data: { ...base.data, interventions: { ...base.data.interventions, current: [] } } };
    view = await render(<StatusSection overview={overview} onReload={async () => {}} />, { lang: 'en' });
    await click(button('Change status'));
    await setValue(view.container.querySelector<HTMLSelectElement>('select')!, 'withdrawn');
    await setValue(view.container.querySelector<HTMLTextAreaElement>('textarea')!, 'The family withdrew');
    await click(view.container.querySelector('button[type="submit"]'));
    const dialog = document.querySelector('dialog');
    expect(text(dialog)).not.toContain('still runs');
    expect(document.querySelector('#transition-end-running')).toBeNull();
  });
});
