// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeDto } from '../../../shared/auth';
import { render, settle, type Rendered } from '../../testing/render';
import { TaskForm } from './TaskForm';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const USER = '00000000-0000-4000-8000-0000000000b1';
const FAMILY = '00000000-0000-4000-8000-000000000f01';

function professional(): MeDto {
  return {
    user: { id: USER, name: 'Jens Jobkonsulent', email: 'j@kommune.example', roles: ['professional'], profession: 'Jobkonsulent', departmentId: null, language: 'da', mfaEnrolled: true, mustChangePassword: false },
    municipality: { code: '159', name: 'Gladsaxe Kommune' },
    session: { stage: 'active', csrfToken: 'csrf', idleTimeoutSeconds: 1800 },
    can: { administer: false, readAudit: false, refer: true, visitate: false, coordinate: false, teamFamilies: true, supervise: false, evaluate: false, work: true, exportPseudonymised: false },
  };
}

describe('a professional’s new task', () => {
  // The form mounts before the session is read (nothing preloaded): the task is still the user's own.
  it('can be for one of the families whose team they are on, and is sent with that family', async () => {
    const posted: unknown[] = [];
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/v1/me') return json(professional());
      if (url.startsWith('/api/v1/staff')) return json({ staff: [] });
      if (url === '/api/v1/team-families') {
        return json({
          families: [{ id: FAMILY, familyNames: ['Andersen'], givenNames: ['Mette'], status: 'active', coordinator: null, memberships: [], openTasks: 0, overdueTasks: 0 }],
          notCovered: 0,
        });
      }
      if (url === '/api/v1/tasks' && init?.method === 'POST') {
        posted.push(JSON.parse(String(init.body)));
        return json({ id: '00000000-0000-4000-8000-0000000000c1', title: 'Ring til Mette' }, 201);
      }
      throw new Error(`unexpected request ${url}`);
    });
    vi.stubGlobal('fetch', fetch);
    const done = vi.fn();
    view = await render(<TaskForm onDone={done} onCancel={() => undefined} />);
    const familySelect = () => [...view!.container.querySelectorAll('select')].find((s) => s.labels?.[0]?.textContent?.startsWith('Familie'));
    for (let i = 0; i < 10 && !familySelect()?.querySelector(`option[value="${FAMILY}"]`); i++) await settle();
    const select = familySelect()!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Ingen familie', 'Familien Andersen (Mette)']);
    // The coordinator's caseload is not asked for: the user has none.
    expect(fetch.mock.calls.some(([url]) => String(url).startsWith('/api/v1/caseload'))).toBe(false);

    const title = view.container.querySelector<HTMLInputElement>('input:not([type="date"])')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(title, 'Ring til Mette');
      title.dispatchEvent(new Event('input', { bubbles: true }));
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, FAMILY);
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => view!.container.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    for (let i = 0; i < 10 && done.mock.calls.length === 0; i++) await settle();
    expect(posted).toEqual([expect.objectContaining({ title: 'Ring til Mette', familyId: FAMILY, assigneeUserId: USER })]);
    expect(done).toHaveBeenCalledWith('Ring til Mette');
  });
});
