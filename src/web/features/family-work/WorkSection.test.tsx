// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { overviewFixture } from '../families/testing/overviewFixture';
import { render, type Rendered } from '../../testing/render';
import { WorkSection } from './WorkSection';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const task = { id: '00000000-0000-4000-8000-0000000000c1', title: 'Ring til skolen', raised: null, due: '2025-03-20', origin: 'manual', assigneeName: 'Kim Koordinator' };

describe('the work section of the family overview', () => {
  it('tells a team member that tasks about goals their consent does not cover are left out, and how many', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ domains: [] }), { status: 200 })));
    const family = overviewFixture({ data: { openTasks: [task], openTasksHiddenByConsent: 2 } }).data;
    view = await render(<WorkSection family={family} />);
    const text = view.container.textContent ?? '';
    expect(text).toContain('Ring til skolen');
    expect(text).toContain('Opgaver om mål, som samtykket ikke dækker for din afdeling, vises ikke (antal: 2). Spørg koordinatoren.');
  });

  it('says nothing of hidden tasks when none are hidden, also in English', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ domains: [] }), { status: 200 })));
    const family = overviewFixture({ data: { openTasks: [], openTasksHiddenByConsent: 0 } }).data;
    view = await render(<WorkSection family={family} />, { lang: 'en' });
    const text = view.container.textContent ?? '';
    expect(text).toContain('No open tasks.');
    expect(text).not.toContain('consent does not cover');
    expect(text).not.toMatch(/samtykket/);
  });
});
