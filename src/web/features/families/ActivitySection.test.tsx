// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../shared/audit';
import { render, type Rendered } from '../../testing/render';
import { ActivitySection } from './ActivitySection';
import { activityHref } from './activityLinks';
import { overviewFixture } from './testing/overviewFixture';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\u00a0/g, ' ');

describe('the recent activity of the family overview', () => {
  it('links each entry to where it can be seen, and leaves an entry with no such place unlinked', async () => {
    const overview = overviewFixture();
    const id = overview.data.id;
    overview.data.recentActivity = [
      { action: 'note.create', at: '2026-12-07T10:05:00.000Z', actorName: 'Kim Koordinator' },
      { action: 'consent.record', at: '2026-12-07T10:04:00.000Z', actorName: 'Kim Koordinator' },
      { action: 'meeting.create', at: '2026-12-07T10:03:00.000Z', actorName: 'Kim Koordinator' },
      { action: 'family.break_glass', at: '2026-12-07T10:02:00.000Z', actorName: 'Jens Job' },
      { action: 'task.create', at: '2026-12-07T10:01:00.000Z', actorName: null },
    ];
    view = await render(<ActivitySection family={overview.data} />);
    const items = [...view.container.querySelectorAll('.activity-list li')];
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href') ?? null)).toEqual([
      `/families/${id}/notes`,
      '#consent',
      `/families/${id}/meetings`,
      null,
      '#work',
    ]);
    expect(text(items[0]?.querySelector('a'))).toBe('Notat skrevet');
    expect(text(items[3])).toContain('Jens Job');
  });

  it('shows the same thing done again by the same person once, with a count', async () => {
    const overview = overviewFixture();
    overview.data.recentActivity = [
      { action: 'note.create', at: '2026-12-07T10:05:00.000Z', actorName: 'Kim Koordinator' },
      { action: 'note.create', at: '2026-12-07T10:04:00.000Z', actorName: 'Kim Koordinator' },
      { action: 'note.create', at: '2026-12-07T10:03:00.000Z', actorName: 'Jens Job' },
    ];
    view = await render(<ActivitySection family={overview.data} />);
    const items = [...view.container.querySelectorAll('.activity-list li')].map(text);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Notat skrevet (2 gange) – Kim Koordinator');
    expect(items[1]).toContain('Notat skrevet – Jens Job');
  });

  it('says so when nothing has been done with the family yet, in either language', async () => {
    view = await render(<ActivitySection family={overviewFixture().data} />);
    expect(view.container.querySelector('.activity-list')).toBeNull();
    expect(text(view.container)).toContain('Ingen aktivitet endnu.');
    view.unmount();
    view = await render(<ActivitySection family={overviewFixture().data} />, { lang: 'en' });
    expect(text(view.container)).toContain('No activity yet.');
  });

  it('leads every change to a family page that exists or to a section of the overview', () => {
    const pages = new Set(['plan', 'measurements', 'meetings', 'notes']);
    const sections = new Set(['#work', '#consent', '#interventions', '#members', '#status', '#team']);
    for (const action of AUDIT_ACTIONS) {
      const href = activityHref('f1', action);
      if (href === null) continue;
      if (href.startsWith('#')) expect(sections, action).toContain(href);
      else expect(pages, action).toContain(href.replace('/families/f1/', ''));
    }
    expect(activityHref('f1', 'plan.publish')).toBe('/families/f1/plan');
    expect(activityHref('f1', 'goal_rating.record')).toBe('/families/f1/measurements');
    expect(activityHref('f1', 'family.team_end')).toBe('#team');
    expect(activityHref('f1', 'family.break_glass')).toBeNull();
  });
});
