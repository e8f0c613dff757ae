import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpCode } from '../../src/server/auth/totp.js';
import { buildFamily, buildStaff, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality } from '../support/factories.js';
import { browserSkipReason, checkPage, launchBrowser, newPage, type PageProblems } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

const skipReason = inject('browserSkipReason') ?? browserSkipReason();

async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).first().waitFor();
}

async function csrfOf(page: Page): Promise<string> {
  const me = await page.request.get('/api/v1/me');
  return ((await me.json()) as { session: { csrfToken: string } }).session.csrfToken;
}

describe.skipIf(Boolean(skipReason))('recording measured results in a real browser: goal ratings, support status, WHO-5', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let coordinator: StaffUser;
  let familyId: string;
  const problems: PageProblems[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const db = server.database.db;
    const { municipality } = await buildMunicipality(db, { code: '159', name: 'Gladsaxe Kommune' });
    coordinator = await buildStaff(db, municipality, { roles: ['coordinator'], department: 'children_family', name: 'Kim Koordinator' });
    const family = await buildFamily(db, municipality, {
      coordinator,
      members: [
        { role: 'parent', givenName: 'Maja', familyName: 'Hansen', birthDate: '1990-03-15' },
        { role: 'child', givenName: 'Ida', familyName: 'Hansen', birthDate: '2018-07-02' },
      ],
      status: 'active',
    });
    familyId = family.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('rates every goal from the plan page, then records, ends and deletes support periods (refusing an overlap) and a WHO-5 on the Målinger page', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, server.url);
    problems.push(pageProblems);
    const headers = { 'x-csrf-token': 'anonymous' };
    const login = await context.request.post('/api/v1/auth/login', { data: { email: coordinator.email, password: coordinator.password }, headers });
    expect(login.ok()).toBe(true);
    const verify = await context.request.post('/api/v1/auth/mfa/verify', { data: { code: totpCode(coordinator.totpSecret!) }, headers: { 'x-csrf-token': await csrfOf(page) } });
    expect(verify.ok(), await verify.text()).toBe(true);

    // Two goals written with the family (through the API: the plan page's own test covers writing them).
    const csrf = await csrfOf(page);
    let draftVersion = 0;
    for (const [title, domain] of [
      ['Vi vil have ro om morgenen', 'everyday_life'],
      ['Maja vil i arbejde', 'work_education'],
    ] as const) {
      const res = await page.request.post(`/api/v1/families/${familyId}/plan/goals`, { data: { title, domain, horizon: 'short', draftVersion }, headers: { 'x-csrf-token': csrf } });
      expect(res.status(), await res.text()).toBe(201);
      draftVersion = ((await res.json()) as { draftVersion: number }).draftVersion;
    }

    // ── Vurder mål: all goals in one form ──
    await page.goto(`/families/${familyId}/plan`);
    await expectHeading(page, /Helhedsplan/);
    await page.getByRole('button', { name: 'Vurder mål' }).click();
    const rateForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gem vurderingerne' }) });
    await rateForm.getByLabel('Familien').waitFor();
    expect(await rateForm.getByLabel('Familien').isChecked()).toBe(true);
    // Saving with a goal left out is refused inline, and nothing is sent.
    await rateForm.getByLabel('»Vi vil have ro om morgenen« (0–10)').selectOption('4');
    await rateForm.getByRole('button', { name: 'Gem vurderingerne' }).click();
    await page.getByRole('alert').getByRole('link', { name: /»Maja vil i arbejde« \(0–10\): Vurderingen skal være et helt tal fra 0 til 10\./ }).waitFor();
    await checkPage(page, 'Plan, rating form with an error');
    await rateForm.getByLabel('»Maja vil i arbejde« (0–10)').selectOption('6');
    await rateForm.getByRole('button', { name: 'Gem vurderingerne' }).click();
    await page.getByText('Vurderingen af 2 mål er gemt.').waitFor();
    await checkPage(page, 'Plan, goals rated');
    const plan = (await (await page.request.get(`/api/v1/families/${familyId}/plan`)).json()) as { goals: Array<{ title: string; latestRating: { value: number; respondent: string } | null }> };
    expect(plan.goals.map((g) => [g.title, g.latestRating?.value, g.latestRating?.respondent])).toEqual([
      ['Vi vil have ro om morgenen', 4, 'family'],
      ['Maja vil i arbejde', 6, 'family'],
    ]);

    // ── Målinger ──
    await page.getByRole('navigation', { name: 'Familiens sider' }).getByRole('link', { name: 'Målinger' }).click();
    await expectHeading(page, /^Målinger/);
    await page.getByText('Der er ikke registreret spørgeskemaer eller vurderinger endnu.').waitFor();
    await page.getByText('Der er ingen forsørgelsesperioder for Maja Hansen.').waitFor();
    await page.getByText('Der er ingen underretninger om Ida Hansen.').waitFor();
    await checkPage(page, 'Measurements, empty');

    // A support period for Maja.
    await page.getByRole('button', { name: 'Tilføj periode for Maja Hansen' }).click();
    let supportForm = page.locator('form').filter({ has: page.getByLabel('Forsørgelse') });
    await supportForm.getByLabel('Forsørgelse').selectOption({ label: 'Kontanthjælp' });
    await supportForm.getByLabel('Fra').fill('2024-01-01');
    await supportForm.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Perioden 01.01.2024 – … (Kontanthjælp) er gemt.').waitFor();
    await page.getByRole('row', { name: /Kontanthjælp 01\.01\.2024 – …/ }).waitFor();

    // A new one while it runs is refused, naming the period in the way.
    await page.getByRole('button', { name: 'Tilføj periode for Maja Hansen' }).click();
    supportForm = page.locator('form').filter({ has: page.getByLabel('Forsørgelse') });
    await supportForm.getByLabel('Forsørgelse').selectOption({ label: 'Lønmodtager' });
    await supportForm.getByLabel('Fra').fill('2024-07-01');
    await supportForm.getByRole('button', { name: 'Gem' }).click();
    await supportForm.getByText('Perioden overlapper Maja Hansens periode Kontanthjælp 01.01.2024 – ….').waitFor();
    await checkPage(page, 'Measurements, overlapping support period refused');
    await supportForm.getByRole('button', { name: 'Annullér' }).click();

    // End the running period, then the new one fits.
    await page.getByRole('button', { name: 'Ret perioden 01.01.2024 – … (Kontanthjælp)' }).click();
    const editForm = page.locator('form').filter({ has: page.getByLabel('Forsørgelse') });
    await expect(page.getByRole('heading', { level: 3, name: 'Ret perioden 01.01.2024 – … (Kontanthjælp)' }).evaluate((h) => h === document.activeElement)).resolves.toBe(true);
    await editForm.getByLabel('Til (tom, hvis perioden løber endnu)').fill('2024-06-30');
    await editForm.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Perioden 01.01.2024 – 30.06.2024 (Kontanthjælp) er gemt.').waitFor();
    await page.getByRole('button', { name: 'Tilføj periode for Maja Hansen' }).click();
    supportForm = page.locator('form').filter({ has: page.getByLabel('Forsørgelse') });
    await supportForm.getByLabel('Forsørgelse').selectOption({ label: 'Lønmodtager' });
    await supportForm.getByLabel('Fra').fill('2024-07-01');
    await supportForm.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Perioden 01.07.2024 – … (Lønmodtager) er gemt.').waitFor();

    // Deleting asks first.
    await page.getByRole('button', { name: 'Slet perioden 01.07.2024 – … (Lønmodtager)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Slet registreringen?' });
    await dialog.getByText('Perioden 01.07.2024 – … (Lønmodtager) slettes.').waitFor();
    await checkPage(page, 'Measurements, delete confirmation');
    await dialog.getByRole('button', { name: 'Ja, slet' }).click();
    await page.getByText('Perioden 01.07.2024 – … (Lønmodtager) er slettet.').waitFor();
    expect(await page.getByRole('row', { name: /Lønmodtager/ }).count()).toBe(0);

    // WHO-5 for Maja: 5 + 4 + 3 + 2 + 1 = 15, shown as 60 of 100.
    await page.getByRole('button', { name: 'Udfyld WHO-5' }).click();
    const who5 = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gem skemaet' }) });
    await expect(who5.getByLabel('Hvilken forælder har svaret').inputValue()).resolves.not.toBe('');
    const answers: Array<[string, string]> = [
      ['Jeg har været glad og i godt humør', '5 – Hele tiden'],
      ['Jeg har følt mig rolig og afslappet', '4 – Det meste af tiden'],
      ['Jeg har følt mig aktiv og energisk', '3 – Lidt mere end halvdelen af tiden'],
      ['Jeg er vågnet frisk og udhvilet', '2 – Lidt mindre end halvdelen af tiden'],
      ['Min dagligdag har været fyldt med ting, der interesserer mig', '1 – Lidt af tiden'],
    ];
    for (const [item, answer] of answers) await who5.getByRole('group', { name: item }).getByLabel(answer).check();
    await checkPage(page, 'Measurements, WHO-5 form');
    await who5.getByRole('button', { name: 'Gem skemaet' }).click();
    await page.getByText('WHO-5 trivsel er gemt.').waitFor();
    await page.getByRole('row', { name: /WHO-5 trivsel Maja Hansen Familien 60 af 100 Kim Koordinator/ }).waitFor();
    await checkPage(page, 'Measurements with a support period and a WHO-5');

    // The family overview links to the page.
    await page.goto(`/families/${familyId}`);
    await page.getByRole('link', { name: 'Se og registrér målinger' }).click();
    await expectHeading(page, /^Målinger/);

    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
