// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LifeDomain } from '../features/plans/plans.api';
import { click, fieldByLabel, render, settle, type, type Rendered } from '../testing/render';
import { AdminLifeDomainsPage } from './AdminLifeDomainsPage';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

const DOMAINS: LifeDomain[] = [
  { code: 'housing', labelDa: 'Bolig', labelEn: 'Housing', child: false, active: true, sortOrder: 30 },
  { code: 'child_health', labelDa: 'Barnets sundhed', labelEn: "The child's health", child: true, active: true, sortOrder: 10 },
  { code: 'retired', labelDa: 'Udgået', labelEn: 'Retired', child: false, active: false, sortOrder: 20 },
];

/** Serves the list and records every PUT; `answer` decides what a PUT gets back. */
function serve(answer: (code: string, body: Record<string, unknown>) => Response) {
  const puts: Array<{ url: string; body: Record<string, unknown> }> = [];
  let domains = [...DOMAINS];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/v1/life-domains') return json({ domains });
      const m = /^\/api\/v1\/admin\/life-domains\/(\w+)$/.exec(url);
      if (m && init?.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as Record<string, unknown>;
        puts.push({ url, body });
        const res = answer(m[1]!, body);
        if (res.ok) domains = [...domains.filter((d) => d.code !== m[1]), { code: m[1]!, ...(body as Omit<LifeDomain, 'code'>) }];
        return res;
      }
      throw new Error(`unexpected request ${url}`);
    }),
  );
  return puts;
}

async function loaded() {
  const v = await render(<AdminLifeDomainsPage />, { path: '/admin/life-domains' });
  for (let i = 0; i < 10 && !v.container.querySelector('tbody'); i++) await settle();
  return v;
}

const rows = (v: Rendered) => [...v.container.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 6).map(text));
const addForm = (v: Rendered) => v.container.querySelector('section[aria-labelledby="add-domain-heading"]')!;
const button = (scope: ParentNode, name: string) => [...scope.querySelectorAll('button')].find((b) => text(b) === name) ?? null;

describe('Livsområder (administration)', () => {
  it('lists the domains in order, with whether each is about the child and in use', async () => {
    serve(() => json({}));
    view = await loaded();
    expect(rows(view)).toEqual([
      ['10', 'Barnets sundhed', "The child's health", 'child_health', 'Ja', 'I brug'],
      ['20', 'Udgået', 'Retired', 'retired', 'Nej', 'Ikke i brug'],
      ['30', 'Bolig', 'Housing', 'housing', 'Nej', 'I brug'],
    ]);
  });

  it('adds a domain about the child, with the next free place in the order, and says so', async () => {
    const puts = serve((code, body) => json({ code, ...body }));
    view = await loaded();
    const form = addForm(view);
    expect(fieldByLabel(form, 'Rækkefølge').value).toBe('40');
    await type(fieldByLabel(form, 'Kode'), 'digital_life');
    await type(fieldByLabel(form, 'Navn på dansk'), 'Digitalt liv');
    await type(fieldByLabel(form, 'Navn på engelsk'), 'Digital life');
    await click(fieldByLabel(form, 'Handler om barnet'));
    await click(button(form, 'Tilføj livsområde'));
    for (let i = 0; i < 10 && !view.container.querySelector('.alert-success'); i++) await settle();
    expect(puts).toEqual([{ url: '/api/v1/admin/life-domains/digital_life', body: { labelDa: 'Digitalt liv', labelEn: 'Digital life', active: true, sortOrder: 40, child: true } }]);
    expect(text(view.container.querySelector('.alert-success'))).toBe('Livsområdet “Digitalt liv” er tilføjet.');
    for (let i = 0; i < 10 && rows(view).length < 4; i++) await settle();
    expect(rows(view).at(-1)).toEqual(['40', 'Digitalt liv', 'Digital life', 'digital_life', 'Ja', 'I brug']);
  });

  it('refuses a bad or taken code and empty names at the fields, and sends nothing', async () => {
    const puts = serve(() => json({}));
    view = await loaded();
    const form = addForm(view);
    await type(fieldByLabel(form, 'Kode'), 'Ikke gyldig');
    await click(button(form, 'Tilføj livsområde'));
    await settle();
    const summary = text(view.container.querySelector('.error-summary'));
    expect(summary).toContain('Kode');
    expect(summary).toContain('Navn på dansk');
    expect(summary).toContain('Navn på engelsk');
    await type(fieldByLabel(form, 'Kode'), 'housing');
    await type(fieldByLabel(form, 'Navn på dansk'), 'Bolig igen');
    await type(fieldByLabel(form, 'Navn på engelsk'), 'Housing again');
    await click(button(form, 'Tilføj livsområde'));
    await settle();
    expect(text(view.container.querySelector('.error-summary'))).toContain('Der findes allerede et livsområde med den kode.');
    expect(puts).toEqual([]);
  });

  it('takes a domain out of use in its dialog, keeping its code and what it is about', async () => {
    const puts = serve((code, body) => json({ code, ...body }));
    view = await loaded();
    await click(button(view.container.querySelector('tbody tr')!, 'Redigér Barnets sundhed'));
    const dialog = view.container.querySelector('dialog')!;
    expect(fieldByLabel(dialog, 'Navn på dansk').value).toBe('Barnets sundhed');
    expect(fieldByLabel(dialog, 'Handler om barnet').checked).toBe(true);
    await click(fieldByLabel(dialog, 'Kan vælges (i brug)'));
    await act(async () => (dialog.querySelector('button[type="submit"]') as HTMLButtonElement).click());
    for (let i = 0; i < 10 && !view.container.querySelector('.alert-success'); i++) await settle();
    expect(puts).toEqual([{ url: '/api/v1/admin/life-domains/child_health', body: { labelDa: 'Barnets sundhed', labelEn: "The child's health", active: false, sortOrder: 10, child: true } }]);
    expect(text(view.container.querySelector('.alert-success'))).toBe('Livsområdet “Barnets sundhed” er gemt.');
  });

  it('shows the server’s refusal at the form and keeps what was typed', async () => {
    serve(() => json({ error: { code: 'forbidden', message: 'Du har ikke adgang til at gøre dette.', errorId: 'e-2' } }, 403));
    view = await loaded();
    const form = addForm(view);
    await type(fieldByLabel(form, 'Kode'), 'digital_life');
    await type(fieldByLabel(form, 'Navn på dansk'), 'Digitalt liv');
    await type(fieldByLabel(form, 'Navn på engelsk'), 'Digital life');
    await click(button(form, 'Tilføj livsområde'));
    for (let i = 0; i < 10 && !text(view.container).includes('Du har ikke adgang'); i++) await settle();
    expect(text(view.container)).toContain('Du har ikke adgang til at gøre dette.');
    expect(fieldByLabel(form, 'Navn på dansk').value).toBe('Digitalt liv');
    expect(view.container.querySelector('.alert-success')).toBeNull();
  });
});
