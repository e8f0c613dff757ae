// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, fieldByLabel, render, settle, type, type Rendered } from '../../testing/render';
import { GoalRatingIntervalSettings } from './GoalRatingIntervalForm';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

function serve(put: (body: { goalRatingIntervalMonths: number }) => Response) {
  const sent: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url !== '/api/v1/admin/task-settings') throw new Error(`unexpected request ${url}`);
      if (init?.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as { goalRatingIntervalMonths: number };
        sent.push(body);
        return put(body);
      }
      return json({ goalRatingIntervalMonths: 3 });
    }),
  );
  return sent;
}

async function loaded(lang: 'da' | 'en' = 'da') {
  const v = await render(<GoalRatingIntervalSettings />, { lang });
  for (let i = 0; i < 10 && !v.container.querySelector('form'); i++) await settle();
  return v;
}
const submit = (v: Rendered) => click(v.container.querySelector('button[type="submit"]'));

describe('how often goals are rated (Administration → Indstillinger)', () => {
  it('starts from the saved interval and saves a new one', async () => {
    const sent = serve((body) => json(body));
    view = await loaded();
    const field = fieldByLabel(view.container, 'Vurdér mål hver (måneder)');
    expect(field.value).toBe('3');
    await type(field, '6');
    await submit(view);
    for (let i = 0; i < 10 && !view.container.querySelector('.alert-success'); i++) await settle();
    expect(sent).toEqual([{ goalRatingIntervalMonths: 6 }]);
    expect(text(view.container.querySelector('.alert-success'))).toBe('Intervallet for vurdering af mål er gemt.');
  });

  it('refuses anything but a whole number of months from 1 to 12 at the field, and sends nothing', async () => {
    const sent = serve((body) => json(body));
    view = await loaded('en');
    const field = fieldByLabel(view.container, 'Rate goals every (months)');
    for (const bad of ['0', '13', '2.5', 'tre', '']) {
      await type(field, bad);
      await submit(view);
      await settle();
      expect(text(view.container.querySelector('.error-summary')), bad).toContain('Enter a whole number of months from 1 to 12.');
    }
    expect(sent).toEqual([]);
    expect(view.container.querySelector('.alert-success')).toBeNull();
  });

  it('shows the server’s refusal and no success', async () => {
    serve(() => json({ error: { code: 'forbidden', message: 'Du har ikke adgang til at gøre dette.', errorId: 'e-3' } }, 403));
    view = await loaded();
    await type(fieldByLabel(view.container, 'Vurdér mål hver (måneder)'), '4');
    await submit(view);
    for (let i = 0; i < 10 && !text(view.container).includes('Du har ikke adgang'); i++) await settle();
    expect(text(view.container)).toContain('Du har ikke adgang til at gøre dette.');
    expect(view.container.querySelector('.alert-success')).toBeNull();
  });
});
