// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamFamilies } from '../features/families/families.api';
import { render, settle, type Rendered } from '../testing/render';
import { TeamFamiliesPage } from './TeamFamiliesPage';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

const twoFamilies: TeamFamilies = {
  families: [
    {
      id: '00000000-0000-4000-8000-000000000f01',
      familyNames: ['Andersen'],
      givenNames: ['Mette', 'Ida'],
      status: 'active',
      coordinator: { name: 'Karin Koordinator', email: 'karin@kommune.example' },
      memberships: [{ departmentName: 'Jobcenter', role: 'Jobkonsulent', from: '2026-09-01', to: null }],
      openTasks: 2,
      overdueTasks: 1,
    },
    {
      id: '00000000-0000-4000-8000-000000000f02',
      familyNames: ['Berg', 'Holm'],
      givenNames: ['Sara', 'Jonas', 'Ali'],
      status: 'assessing',
      coordinator: null,
      memberships: [{ departmentName: 'Jobcenter', role: 'Mentor', from: '2026-10-01', to: '2027-03-31' }],
      openTasks: 0,
      overdueTasks: 0,
    },
  ],
  notCovered: 1,
};

function serve(response: () => Response) {
  const fetch = vi.fn(async (url: string) => {
    if (url === '/api/v1/team-families') return response();
    throw new Error(`unexpected request ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function loaded(lang: 'da' | 'en' = 'da') {
  const v = await render(<TeamFamiliesPage />, { lang, path: '/team-families' });
  for (let i = 0; i < 10 && v.container.querySelector('.spinner, [role="progressbar"]'); i++) await settle();
  await settle();
  return v;
}

/** A cell's text as it reads, its lines (block elements) apart. */
function cellText(cell: Element): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
const rows = (v: Rendered) => [...v.container.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map(cellText));

describe('Mine familier', () => {
  it('lists each family with its status, coordinator to write to, the user’s role on the team and their tasks', async () => {
    serve(() => json(twoFamilies));
    view = await loaded();
    expect(rows(view)).toEqual([
      ['Familien Andersen Mette, Ida', 'Aktiv', 'Karin Koordinator karin@kommune.example', 'Jobkonsulent, Jobcenter siden 01.09.2026', '2 åbne 1 forfalden'],
      ['Familien Berg/Holm Sara, Jonas, Ali', 'Under afklaring', 'Ingen koordinator endnu', 'Mentor, Jobcenter 01.10.2026 – 31.03.2027', 'Ingen åbne'],
    ]);
    const first = view.container.querySelector('tbody tr');
    expect(first?.querySelector('th a')?.getAttribute('href')).toBe('/families/00000000-0000-4000-8000-000000000f01');
    expect(first?.querySelector('a[href^="mailto:"]')?.getAttribute('href')).toBe('mailto:karin@kommune.example');
    expect(text(view.container.querySelector('[role="status"]'))).toBe('2 familier');
    expect(text(view.container.querySelector('.alert-info'))).toMatch(/^Du er også med i teamet omkring 1 familie, som du ikke kan se/);
  });

  it('speaks English, with the singular for one family', async () => {
    serve(() => json({ families: [twoFamilies.families[0]], notCovered: 2 }));
    view = await loaded('en');
    expect(rows(view)[0]).toEqual(['The Andersen family Mette, Ida', 'Active', 'Karin Koordinator karin@kommune.example', 'Jobkonsulent, Jobcenter since 01/09/2026', '2 open 1 overdue']);
    expect(text(view.container.querySelector('[role="status"]'))).toBe('1 family');
    expect(text(view.container.querySelector('.alert-info'))).toMatch(/^You are also on the team of 2 families you cannot see/);
  });

  it('says what to expect when the user is on no team, with no table and no note on hidden families', async () => {
    serve(() => json({ families: [], notCovered: 0 }));
    view = await loaded();
    expect(view.container.querySelector('table')).toBeNull();
    expect(view.container.querySelector('.alert-info')).toBeNull();
    expect(text(view.container.querySelector('.empty-state'))).toBe(
      'Du er ikke med i teamet omkring nogen familie lige nu. Når en koordinator føjer dig til et team, kommer familien her.',
    );
  });

  it('shows the server’s error with a way to try again', async () => {
    const fetch = serve(() => json({ error: { code: 'internal', message: 'Der opstod en fejl på serveren.', errorId: 'e-1' } }, 500));
    view = await loaded();
    expect(view.container.querySelector('table')).toBeNull();
    expect(text(view.container)).toContain('Der opstod en fejl på serveren.');
    const retry = [...view.container.querySelectorAll('button')].find((b) => text(b) === 'Prøv igen');
    fetch.mockImplementation(async () => json(twoFamilies));
    retry!.click();
    for (let i = 0; i < 10 && !view.container.querySelector('table'); i++) await settle();
    expect(rows(view)).toHaveLength(2);
  });
});
