// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { overviewFixture } from '../families/testing/overviewFixture';
import { render, type Rendered } from '../../testing/render';
import { todayIso } from '../../lib/format';
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

  it('marks an open task past its due date as overdue, as Mine opgaver does, and not one due today', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ domains: [] }), { status: 200 })));
    const late = { ...task, id: '00000000-0000-4000-8000-0000000000c2', title: 'Send referatet', due: '2020-01-02' };
    const now = { ...task, id: '00000000-0000-4000-8000-0000000000c3', title: 'Ring i dag', due: todayIso() };
    view = await render(<WorkSection family={overviewFixture({ data: { openTasks: [late, now], openTasksHiddenByConsent: 0 } }).data} />);
    const items = [...view.container.querySelectorAll('#work li')].filter((li) => /Send referatet|Ring i dag/.test(li.textContent ?? ''));
    expect(items.map((li) => [li.textContent?.includes('Send referatet') ? 'late' : 'today', li.querySelector('.badge')?.textContent ?? null])).toEqual([
      ['late', 'Forfalden'],
      ['today', null],
    ]);
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

describe('the plan on the family overview', () => {
  const plan = (goals: number, hiddenByConsent: number) => ({
    currentVersion: { number: 2, publishedAt: '2025-02-01T10:00:00.000Z', nextReviewDate: '2025-08-01' },
    goals: Array.from({ length: goals }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000010${i}`,
      personId: null,
      domain: 'work_education',
      horizon: 'short',
      title: `Mål nummer ${i + 1}`,
      status: 'active',
      targetDate: null,
      latestRating: null,
    })),
    hiddenByConsent,
  });

  it('does not say the plan has no goals when the consent hides them all, but how many are not shown', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ domains: [] }), { status: 200 })));
    const family = overviewFixture({ data: { plan: plan(0, 4) } }).data;
    view = await render(<WorkSection family={family} />);
    const text = view.container.textContent ?? '';
    expect(text).not.toContain('Planen har ingen mål.');
    expect(text).toContain('Mål i livsområder, som samtykket ikke dækker for din afdeling, vises ikke (antal: 4). Spørg koordinatoren.');
  });

  it('lists the goals shown and counts the others; says the plan has none only when it has none, in English too', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ domains: [] }), { status: 200 })));
    view = await render(<WorkSection family={overviewFixture({ data: { plan: plan(2, 1) } }).data} />, { lang: 'en' });
    let text = view.container.textContent ?? '';
    expect(text).toContain('Mål nummer 2');
    expect(text).toContain('Goals in life domains the consent does not cover for your department are not shown (number: 1). Ask the coordinator.');
    view.unmount();
    view = await render(<WorkSection family={overviewFixture({ data: { plan: plan(0, 0) } }).data} />);
    text = view.container.textContent ?? '';
    expect(text).toContain('Planen har ingen mål.');
    expect(text).not.toContain('samtykket');
  });
});
