// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeDto } from '../../shared/auth';
import type { Role } from '../../shared/roles';
import { render, settle, type Rendered } from '../testing/render';
import { HomePage } from './HomePage';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

function me(roles: Role[], can: Partial<MeDto['can']>): MeDto {
  return {
    user: { id: '00000000-0000-4000-8000-0000000000a2', name: 'Anders Analytiker', email: 'a@kommune.example', roles, profession: null, departmentId: null, language: 'da', mfaEnrolled: true, mustChangePassword: false },
    municipality: { code: '159', name: 'Gladsaxe Kommune' },
    session: { stage: 'active', csrfToken: 'csrf', idleTimeoutSeconds: 1800 },
    can: { administer: false, readAudit: false, refer: false, visitate: false, coordinate: false, teamFamilies: false, supervise: false, evaluate: false, work: false, exportPseudonymised: false, ...can },
  };
}

async function home(user: MeDto) {
  const fetch = vi.fn(async (url: string) => {
    if (url === '/api/v1/me') return json(user);
    if (url === '/api/v1/attention') return json({ overdueTasks: 0, openTasksDueThisWeek: 0, unreviewedBreakGlass: null, openReferrals: null });
    throw new Error(`unexpected request ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  const v = await render(<HomePage />);
  for (let i = 0; i < 10 && !v.container.querySelector('.card-list'); i++) await settle();
  await settle();
  return v;
}

const cards = (v: Rendered) => [...v.container.querySelectorAll('.card-list h3 a')].map((a) => [a.textContent, a.getAttribute('href')]);

describe('the front page', () => {
  it('gives an analyst the evaluation, and promises no features that already exist', async () => {
    view = await home(me(['analyst'], { evaluate: true }));
    // No tasks and no meetings: an analyst sees no case content, and the server refuses both lists to the role.
    expect(cards(view)).toEqual([
      ['Evaluering', '/evaluation'],
      ['Skift adgangskode', '/change-password'],
    ]);
    expect(view.container.textContent).not.toMatch(/kommer i de næste versioner/);
    expect(view.container.textContent).toContain('Intet kræver din opmærksomhed lige nu.');
  });

  it('gives a manager the management pages and the evaluation', async () => {
    view = await home(me(['manager'], { refer: true, visitate: true, supervise: true, evaluate: true, work: true }));
    const hrefs = cards(view).map(([, href]) => href);
    expect(hrefs).toContain('/manager/caseloads');
    // A manager may be on a family's team: Mine familier is on the front page (not in the menu).
    expect(hrefs).toContain('/team-families');
    expect(hrefs).toContain('/evaluation');
    expect(hrefs).toContain('/referrals');
  });

  it('gives a professional their families first, then tasks, meetings and referrals', async () => {
    view = await home(me(['professional'], { refer: true, teamFamilies: true, work: true }));
    expect(cards(view).slice(0, 3)).toEqual([
      ['Mine familier', '/team-families'],
      ['Mine opgaver', '/tasks'],
      ['Mine møder', '/meetings/mine'],
    ]);
  });
});
