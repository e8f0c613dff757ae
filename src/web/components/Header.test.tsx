// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeDto } from '../../shared/auth';
import { AdminNav } from '../features/admin/AdminNav';
import { render, settle, type Rendered } from '../testing/render';
import { Header } from './Header';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

function administrator(): MeDto {
  return {
    user: { id: '00000000-0000-4000-8000-0000000000a2', name: 'Anna Administrator', email: 'admin@kommune.example', roles: ['admin'], profession: null, departmentId: null, language: 'da', mfaEnrolled: true, mustChangePassword: false },
    municipality: { code: '159', name: 'Gladsaxe Kommune' },
    session: { stage: 'active', csrfToken: 'csrf', idleTimeoutSeconds: 1800 },
    can: { administer: true, readAudit: true, refer: false, visitate: false, coordinate: false, teamFamilies: false, supervise: false, evaluate: false, work: false, exportPseudonymised: false },
  };
}

async function loaded(ui: React.ReactNode, opts: { lang?: 'da' | 'en'; path?: string } = {}) {
  const me = administrator();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/api/v1/me') return json(me);
      if (url === '/api/v1/setup/status') return json({ needed: false });
      if (url === '/api/v1/attention') return json({ overdueTasks: 0, openTasksDueThisWeek: 0, unreviewedBreakGlass: null, openReferrals: null });
      throw new Error(`unexpected request ${url}`);
    }),
  );
  const v = await render(ui, opts);
  for (let i = 0; i < 6; i++) await settle();
  return v;
}

describe('the administrator’s menu', () => {
  it('holds one »Administration« link instead of a link per administration page, and no case work', async () => {
    view = await loaded(<Header />, { path: '/admin/departments' });
    const links = [...view.container.querySelectorAll('.main-nav a')];
    // No Opgaver and no Mine møder: an administrator sees no case content, and the server refuses both lists.
    expect(links.map(text)).toEqual(['Forside', 'Administration', 'Log']);
    const admin = links.find((a) => text(a) === 'Administration');
    expect(admin?.getAttribute('href')).toBe('/admin');
    // Marked as where the user is on every administration page.
    expect(admin?.getAttribute('aria-current')).toBe('page');
  });

  it('is in English too', async () => {
    view = await loaded(<Header />, { lang: 'en', path: '/' });
    const admin = [...view.container.querySelectorAll('.main-nav a')].find((a) => a.getAttribute('href') === '/admin');
    expect(text(admin)).toBe('Administration');
    expect(admin?.getAttribute('aria-current')).toBeNull();
  });
});

describe('the administration pages’ tabs', () => {
  it('list the seven pages in order and mark the current one', async () => {
    view = await loaded(<AdminNav />, { path: '/admin/life-domains' });
    const nav = view.container.querySelector('nav');
    expect(nav?.getAttribute('aria-label')).toBe('Administrationens sider');
    const links = [...view.container.querySelectorAll('nav a')];
    expect(links.map(text)).toEqual(['Brugere', 'Afdelinger', 'Indstillinger', 'Indsatskatalog', 'Opsporingstegn', 'Livsområder', 'Dataudveksling']);
    expect(links.filter((a) => a.getAttribute('aria-current') === 'page').map(text)).toEqual(['Livsområder']);
  });

  it('keep »Brugere« marked on a user’s own page, and speak English', async () => {
    view = await loaded(<AdminNav />, { lang: 'en', path: '/admin/users/00000000-0000-4000-8000-000000000001' });
    expect(view.container.querySelector('nav')?.getAttribute('aria-label')).toBe('Administration pages');
    const current = [...view.container.querySelectorAll('nav a')].filter((a) => a.getAttribute('aria-current') === 'page');
    expect(current.map(text)).toEqual(['Users']);
  });
});
