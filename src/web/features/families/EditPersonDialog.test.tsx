// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, fieldByLabel, render, settle, type, type Rendered } from '../../testing/render';
import { EditPersonDialog } from './EditPersonDialog';
import { overviewFixture } from './testing/overviewFixture';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  vi.unstubAllGlobals();
});

const fixture = overviewFixture();
const mother = fixture.data.members[0]!;
const withoutCpr = { ...fixture.data.members[1]!, cprMasked: null, givenName: 'Lukas', sex: 'unknown' as const, birthDate: '2016-01-01' };
const saveButton = () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Gem') ?? null;

function serve() {
  const sent: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      sent.push(JSON.parse(String(init?.body ?? '{}')));
      return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return sent;
}

describe('correcting a member’s identity', () => {
  it('lets a member without CPR get one, sending only the number (birth date and sex then follow from it)', async () => {
    const sent = serve();
    view = await render(<EditPersonDialog familyId={fixture.data.id} version={7} member={withoutCpr} onClose={() => {}} onSaved={() => {}} onReload={async () => {}} />);
    const container = document.body;
    expect(fieldByLabel(container, 'Fødselsdato').value).toBe('2016-01-01');
    await type(fieldByLabel(container, 'CPR-nummer'), '120316-4238');
    // With a number typed, the birth date and sex are the number's: their fields go.
    expect(() => fieldByLabel(container, 'Fødselsdato')).toThrow();
    await click(saveButton());
    for (let i = 0; i < 5 && sent.length === 0; i++) await settle();
    expect(sent).toEqual([{ cpr: '1203164238', version: 7 }]);
  });

  it('corrects a birth date by hand while there is no CPR number', async () => {
    const sent = serve();
    view = await render(<EditPersonDialog familyId={fixture.data.id} version={7} member={withoutCpr} onClose={() => {}} onSaved={() => {}} onReload={async () => {}} />);
    await type(fieldByLabel(document.body, 'Fødselsdato'), '2016-02-02');
    await click(saveButton());
    for (let i = 0; i < 5 && sent.length === 0; i++) await settle();
    expect(sent).toEqual([{ birthDate: '2016-02-02', version: 7 }]);
  });

  it('offers to correct a registered number without showing it, and no birth date field', async () => {
    serve();
    view = await render(<EditPersonDialog familyId={fixture.data.id} version={7} member={mother} onClose={() => {}} onSaved={() => {}} onReload={async () => {}} />, { lang: 'en' });
    const cpr = fieldByLabel(document.body, 'Correct the CPR number');
    expect(cpr.value).toBe('');
    expect(document.body.textContent).toContain('A CPR number is registered (150390-xxxx)');
    expect(() => fieldByLabel(document.body, 'Birth date')).toThrow();
  });
});
