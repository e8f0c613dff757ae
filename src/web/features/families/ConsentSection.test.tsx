// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import { ConsentSection } from './ConsentSection';
import { overviewFixture } from './testing/overviewFixture';

let view: Rendered | undefined;
beforeEach(() => {
  // The section looks up the municipality's departments for the consent form.
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ departments: [] }), { status: 200, headers: { 'content-type': 'application/json' } })));
});
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\u00a0/g, ' ');
const reload = async () => {};

describe('the consent section without any consent recorded', () => {
  it('tells a family under assessment that activation waits for consent', async () => {
    view = await render(<ConsentSection overview={overviewFixture({ data: { status: 'assessing', consents: [] } })} onReload={reload} />);
    expect(text(view.container.querySelector('.empty-state'))).toBe('Der er ikke registreret samtykke endnu. Familien kan først blive aktiv, når alle med forældremyndighed har givet samtykke.');
  });

  it('tells an active family (moved from another system) that the team sees only what a recorded consent covers', async () => {
    view = await render(<ConsentSection overview={overviewFixture({ data: { status: 'active', consents: [] } })} onReload={reload} />, { lang: 'en' });
    expect(text(view.container.querySelector('.empty-state'))).toContain('Team members see only what a recorded consent covers');
    expect(text(view.container.querySelector('.empty-state'))).not.toContain('can become active');
  });

  it('says only that none was recorded once the family has left the effort', async () => {
    view = await render(<ConsentSection overview={overviewFixture({ data: { status: 'completed', consents: [] } })} onReload={reload} />);
    expect(text(view.container.querySelector('.empty-state'))).toBe('Der blev ikke registreret samtykke.');
  });
});
