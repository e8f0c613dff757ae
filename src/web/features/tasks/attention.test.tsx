// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttentionDto } from '../../../shared/tasks';
import { Header } from '../../components/Header';
import type { MeDto } from '../../../shared/auth';
import { render, settle, type Rendered } from '../../testing/render';
import { AttentionSummary } from './AttentionSummary';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A server that answers GET /attention (and, for the header, who is signed in); every other path is a test error. */
function serve(attention: AttentionDto | Response, me?: MeDto) {
  const fetch = vi.fn(async (url: string) => {
    if (url === '/api/v1/attention') return attention instanceof Response ? attention : json(attention);
    if (url === '/api/v1/me' && me) return json(me);
    if (url === '/api/v1/setup/status') return json({ needed: false });
    throw new Error(`unexpected request ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const none: AttentionDto = { overdueTasks: 0, openTasksDueThisWeek: 0, unreviewedBreakGlass: null, openReferrals: null };

function manager(): MeDto {
  return {
    user: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Lene Leder', email: 'leder@kommune.example', roles: ['manager'], profession: null, departmentId: null, language: 'da', mfaEnrolled: true, mustChangePassword: false },
    municipality: { code: '159', name: 'Gladsaxe Kommune' },
    session: { stage: 'active', csrfToken: 'csrf', idleTimeoutSeconds: 1800 },
    can: { administer: false, readAudit: false, refer: true, visitate: true, coordinate: false, teamFamilies: false, supervise: true, evaluate: true, work: true, exportPseudonymised: false },
  };
}

/** Renders, then lets the requests it makes (and the ones their answers enable) run until every one has been answered. */
async function loaded(ui: React.ReactNode, lang: 'da' | 'en' = 'da') {
  const v = await render(ui, { lang });
  const fetch = globalThis.fetch as unknown as ReturnType<typeof vi.fn>;
  let seen = -1;
  for (let i = 0; i < 20 && seen !== fetch.mock.calls.length; i++) {
    seen = fetch.mock.calls.length;
    await settle();
    await settle();
  }
  return v;
}

describe('what needs the user’s attention, on the front page', () => {
  it('lists each kind there is any of, most urgent first, each linking to where it is dealt with', async () => {
    serve({ overdueTasks: 3, openTasksDueThisWeek: 2, unreviewedBreakGlass: 4, openReferrals: 5 });
    view = await loaded(<AttentionSummary />);
    const links = [...view.container.querySelectorAll('.attention-list a')];
    expect(links.map(text)).toEqual([
      '3 forfaldne opgaver',
      '2 opgaver med frist i denne uge',
      '4 brud på glasset venter på din gennemgang',
      '5 henvendelser venter på visitation',
    ]);
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/tasks', '/tasks', '/manager/break-glass', '/referrals']);
    expect(text(view.container.querySelector('h2'))).toBe('Kræver din opmærksomhed');
  });

  it('says one in the singular, and leaves out what there is none of or that the user’s roles do not give', async () => {
    serve({ overdueTasks: 1, openTasksDueThisWeek: 0, unreviewedBreakGlass: null, openReferrals: 1 });
    view = await loaded(<AttentionSummary />);
    expect([...view.container.querySelectorAll('.attention-list a')].map(text)).toEqual(['1 forfalden opgave', '1 henvendelse venter på visitation']);
    view.unmount();
    serve({ overdueTasks: 0, openTasksDueThisWeek: 1, unreviewedBreakGlass: 1, openReferrals: 0 });
    view = await loaded(<AttentionSummary />, 'en');
    expect([...view.container.querySelectorAll('.attention-list a')].map(text)).toEqual(['1 task due this week', '1 break-the-glass access waiting for your review']);
  });

  it('says so when nothing needs attention, in either language', async () => {
    serve(none);
    view = await loaded(<AttentionSummary />);
    expect(view.container.querySelector('.attention-list')).toBeNull();
    expect(text(view.container)).toContain('Intet kræver din opmærksomhed lige nu.');
    view.unmount();
    serve({ ...none, openReferrals: 0, unreviewedBreakGlass: 0 });
    view = await loaded(<AttentionSummary />, 'en');
    expect(text(view.container)).toContain('Nothing needs your attention right now.');
  });

  it('shows the server’s error with a way to try again, and no counts, when the look-up fails', async () => {
    const fetch = serve(json({ error: { code: 'internal', message: 'Der opstod en fejl på serveren.', errorId: 'e-1' } }, 500));
    view = await loaded(<AttentionSummary />);
    expect(view.container.querySelector('.attention-list')).toBeNull();
    expect(text(view.container)).not.toContain('Intet kræver');
    const retry = [...view.container.querySelectorAll('button')].find((b) => text(b) === 'Prøv igen');
    expect(retry).toBeDefined();
    const before = fetch.mock.calls.length;
    fetch.mockImplementation(async () => json({ ...none, overdueTasks: 2 }));
    retry!.click();
    for (let i = 0; i < 5 && !view.container.querySelector('.attention-list'); i++) await settle();
    expect(fetch.mock.calls.length).toBeGreaterThan(before);
    expect([...view.container.querySelectorAll('.attention-list a')].map(text)).toEqual(['2 forfaldne opgaver']);
  });
});

describe('the header’s badges', () => {
  it('shows how many referrals wait on Visitation and break-the-glass accesses on Management, in the links’ names', async () => {
    serve({ overdueTasks: 2, openTasksDueThisWeek: 1, unreviewedBreakGlass: 1, openReferrals: 3 }, manager());
    view = await loaded(<Header />);
    const link = (href: string) => view!.container.querySelector(`.main-nav a[href="${href}"]`);
    expect(link('/referrals')?.getAttribute('aria-label')).toBe('Visitation, 3 henvendelser venter');
    expect(text(link('/referrals')?.querySelector('.badge'))).toBe('3');
    expect(link('/manager')?.getAttribute('aria-label')).toBe('Ledelse, 1 brud på glasset venter på gennemgang');
    expect(link('/tasks')?.getAttribute('aria-label')).toBe('Opgaver, 2 forfaldne');
    expect(link('/evaluation')?.getAttribute('aria-label')).toBeNull();
  });

  it('shows no badge and keeps the plain name when nothing waits, in English too', async () => {
    serve({ overdueTasks: 0, openTasksDueThisWeek: 4, unreviewedBreakGlass: 0, openReferrals: 0 }, manager());
    view = await loaded(<Header />, 'en');
    const link = (href: string) => view!.container.querySelector(`.main-nav a[href="${href}"]`);
    expect(view.container.querySelectorAll('.main-nav .badge')).toHaveLength(0);
    expect(link('/referrals')?.getAttribute('aria-label')).toBeNull();
    expect(text(link('/referrals'))).toBe('Visitation');
    expect(text(link('/manager'))).toBe('Management');
    expect(link('/tasks')?.getAttribute('aria-label')).toBe('Tasks, none overdue');
  });
});
