// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, fieldByLabel, render, settle, type, type Rendered } from '../../testing/render';
import { CHILD_ID, intervention, overviewFixture } from '../families/testing/overviewFixture';
import { InterventionsSection } from './InterventionsSection';
import { changeOf, mergeValues, valuesOf } from './InterventionForms';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const hourly = intervention({
  id: '00000000-0000-4000-8000-000000000032',
  typeName: 'Støtte-kontaktperson',
  price: { amount: 450, per: 'hour' },
  hoursPerWeek: 3,
  provider: 'Kommunens team',
  version: 4,
});

describe('what the edit form sends', () => {
  it('sends nothing when nothing changed, and only the changed fields with the version seen otherwise', () => {
    const values = valuesOf(hourly);
    expect(values).toMatchObject({ amount: '450', per: 'hour', hoursPerWeek: '3', provider: 'Kommunens team', to: '' });
    expect(changeOf(hourly, values, 450, 3)).toBeNull();
    expect(changeOf(hourly, { ...values, hoursPerWeek: '4,5' }, 450, 4.5)).toEqual({ hoursPerWeek: 4.5, version: 4 });
    expect(changeOf(hourly, { ...values, provider: '  ', to: '2025-06-30' }, 450, 3)).toEqual({ provider: null, to: '2025-06-30', version: 4 });
    expect(changeOf(hourly, { ...values, personId: 'family' }, 450, 3)).toEqual({ personId: null, version: 4 });
  });

  it('sends the whole price when the amount or unit changes, and clears the hours when it is no longer per hour', () => {
    const values = valuesOf(hourly);
    expect(changeOf(hourly, { ...values, amount: '500' }, 500, 3)).toEqual({ price: { amount: 500, per: 'hour' }, version: 4 });
    expect(changeOf(hourly, { ...values, amount: '9.000', per: 'month' }, 9000, 3)).toEqual({ price: { amount: 9000, per: 'month' }, hoursPerWeek: null, version: 4 });
  });

  it('after a conflict keeps what the user changed and takes the rest from the newer version', () => {
    const base = valuesOf(hourly);
    const mine = { ...base, hoursPerWeek: '5' };
    const theirs = valuesOf({ ...hourly, provider: 'Privat leverandør', hoursPerWeek: 3, version: 5 });
    expect(mergeValues(base, mine, theirs)).toEqual({ ...theirs, hoursPerWeek: '5' });
  });
});

const field = fieldByLabel;
const button = (container: ParentNode, text: string) => [...container.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text)) ?? null;
const staffAnswer = () => new Response(JSON.stringify({ staff: [] }), { status: 200 });

/** A fetch that answers the staff directory and hands every other call to `write`. */
function api(write: (url: string, init: RequestInit) => Response) {
  return vi.fn(async (url: string, init: RequestInit = {}) => (String(url).includes('/api/v1/staff') ? staffAnswer() : write(String(url), init)));
}

async function openEdit(fetch: ReturnType<typeof api>, onReload = async () => {}) {
  vi.stubGlobal('fetch', fetch);
  const overview = overviewFixture();
  view = await render(<InterventionsSection overview={overview} onReload={onReload} />);
  await click(button(view.container, 'Ret Støtte-kontaktperson') ?? button(view.container, 'Ret'));
  await settle();
  return { container: view.container, overview, dialog: view.container.querySelector('dialog')! };
}

describe('editing an intervention on the family overview', () => {
  it('opens prefilled, sends only the change with the version seen, and says it was saved', async () => {
    const fetch = api((_url, init) => new Response(JSON.stringify({ ...overviewFixture().data.interventions.current[1], ...JSON.parse(String(init.body)), version: 2 }), { status: 200 }));
    const onReload = vi.fn(async () => {});
    const { container, dialog } = await openEdit(fetch, onReload);
    expect(dialog.querySelector('h2')?.textContent).toBe('Ret Støtte-kontaktperson');
    expect(dialog.textContent).toContain('Typen kan ikke ændres');
    expect(field(dialog, 'Timer pr. uge').value).toBe('3');

    await type(field(dialog, 'Timer pr. uge'), '4');
    expect(dialog.querySelector('.cost-preview')?.textContent?.replace(/\u00a0/g, ' ')).toContain('7.827 kr.');
    await click(button(dialog, 'Gem ændringerne'));
    await settle();

    const writes = fetch.mock.calls.filter(([url]) => !String(url).includes('/api/v1/staff'));
    expect(writes).toHaveLength(1);
    const [url, init] = writes[0]!;
    expect(url).toContain('/api/v1/families/00000000-0000-4000-8000-000000000001/interventions/00000000-0000-4000-8000-000000000032');
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ hoursPerWeek: 4, version: 1 });
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(container.textContent).toContain('Ændringerne i Støtte-kontaktperson er gemt.');
  });

  it('sends nothing and says so when nothing was changed', async () => {
    const fetch = api(() => new Response('{}', { status: 500 }));
    const { dialog } = await openEdit(fetch);
    await click(button(dialog, 'Gem ændringerne'));
    await settle();
    expect(fetch.mock.calls.filter(([url]) => !String(url).includes('/api/v1/staff'))).toHaveLength(0);
    expect(dialog.querySelector('[role="status"]')?.textContent).toBe('Du har ikke ændret noget, så der er intet at gemme.');
  });

  it('refuses an hourly price without hours at the field and sends nothing', async () => {
    const fetch = api(() => new Response('{}', { status: 500 }));
    const { dialog } = await openEdit(fetch);
    await type(field(dialog, 'Timer pr. uge'), '');
    await click(button(dialog, 'Gem ændringerne'));
    await settle();
    expect(fetch.mock.calls.filter(([url]) => !String(url).includes('/api/v1/staff'))).toHaveLength(0);
    expect(field(dialog, 'Timer pr. uge').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the server’s field message, e.g. an end before the start, and keeps the dialog open', async () => {
    const message = 'Slutdatoen ligger før startdatoen.';
    const fetch = api(() => new Response(JSON.stringify({ error: { code: 'validation_failed', message: 'Tjek felterne.', problems: [{ path: 'to', message }] } }), { status: 400 }));
    const { dialog } = await openEdit(fetch);
    await type(field(dialog, 'Til'), '2024-12-31');
    await click(button(dialog, 'Gem ændringerne'));
    await settle();
    expect(dialog.textContent).toContain(message);
    expect(field(dialog, 'Til').value).toBe('2024-12-31');
  });

  it('on a stale version offers a reload; after it the untouched fields show the newer values, the changed keep the input, and the next save uses the newer version', async () => {
    const message = 'Indsatsen er ændret af en anden, mens du arbejdede.';
    let answer = () => new Response(JSON.stringify({ error: { code: 'intervention_conflict', message } }), { status: 409 });
    const fetch = api(() => answer());
    vi.stubGlobal('fetch', fetch);
    const newer = overviewFixture();
    newer.data.interventions.current[1] = { ...newer.data.interventions.current[1]!, provider: 'Privat leverandør', version: 2 };
    function Host() {
      const [overview, setOverview] = useState(overviewFixture());
      return <InterventionsSection overview={overview} onReload={async () => setOverview(newer)} />;
    }
    view = await render(<Host />);
    await click(button(view.container, 'Ret Støtte-kontaktperson'));
    await settle();
    const dialog = view.container.querySelector('dialog')!;
    await type(field(dialog, 'Timer pr. uge'), '5');
    await click(button(dialog, 'Gem ændringerne'));
    await settle();

    const alert = dialog.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(message);
    expect(field(dialog, 'Timer pr. uge').value).toBe('5');
    await click(button(alert!, 'Hent de nyeste oplysninger'));
    await settle();
    expect(dialog.querySelector('[role="alert"]')).toBeNull();
    expect(field(dialog, 'Leverandør').value).toBe('Privat leverandør');
    expect(field(dialog, 'Timer pr. uge').value).toBe('5');

    answer = () => new Response(JSON.stringify({ ...newer.data.interventions.current[1], hoursPerWeek: 5, version: 3 }), { status: 200 });
    await click(button(dialog, 'Gem ændringerne'));
    await settle();
    const writes = fetch.mock.calls.filter(([url]) => !String(url).includes('/api/v1/staff'));
    expect(writes).toHaveLength(2);
    expect(JSON.parse(String(writes[1]![1]?.body))).toEqual({ hoursPerWeek: 5, version: 2 });
  });

  it('is offered for past interventions too, and not at all without the right to register', async () => {
    const withPast = overviewFixture();
    withPast.data.interventions.past = [intervention({ id: '00000000-0000-4000-8000-000000000033', personId: CHILD_ID, typeName: 'Mentor', to: '2024-12-31', current: false })];
    vi.stubGlobal('fetch', api(() => new Response('{}', { status: 500 })));
    view = await render(<InterventionsSection overview={withPast} onReload={async () => {}} />);
    expect(button(view.container, 'Ret Mentor')).not.toBeNull();
    view.unmount();
    view = await render(<InterventionsSection overview={overviewFixture({ can: { registerIntervention: false } })} onReload={async () => {}} />);
    expect(button(view.container, 'Ret')).toBeNull();
  });
});

describe('ending an intervention that someone else changed', () => {
  it('shows the server’s conflict message with the reload button, not as a form error', async () => {
    const message = 'Indsatsen er ændret af en anden, mens du arbejdede.';
    vi.stubGlobal('fetch', api(() => new Response(JSON.stringify({ error: { code: 'intervention_conflict', message } }), { status: 409 })));
    view = await render(<InterventionsSection overview={overviewFixture()} onReload={async () => {}} />);
    await click(button(view.container, 'Afslut Familiebehandling'));
    const dialog = [...view.container.querySelectorAll('dialog')].find((d) => d.querySelector('h2')?.textContent === 'Afslut Familiebehandling?')!;
    await click(button(dialog, 'Afslut'));
    await settle();
    const alert = dialog.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(message);
    expect(button(alert!, 'Hent de nyeste oplysninger')).not.toBeNull();
  });
});
