import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpCode } from '../../src/server/auth/totp.js';
import { browserSkipReason, checkPage, launchBrowser, newPage, type PageProblems } from '../support/browser.js';
import { buildStaff, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality } from '../support/factories.js';
import { startTestServer } from '../support/server.js';

const skipReason = inject('browserSkipReason') ?? browserSkipReason();
const EXAMPLE_PATH = path.resolve(import.meta.dirname, '../fixtures/exchange/example.json');

async function signIn(browser: Browser, url: string, user: StaffUser, problems: PageProblems[]): Promise<Page> {
  const { context, page, problems: mine } = await newPage(browser, url);
  problems.push(mine);
  const anonymous = { 'x-csrf-token': 'anonymous' };
  const login = await context.request.post('/api/v1/auth/login', { data: { email: user.email, password: user.password }, headers: anonymous });
  expect(login.ok()).toBe(true);
  if ((await login.json()).stage !== 'mfa') return page;
  const me = await (await context.request.get('/api/v1/me')).json();
  const verify = await context.request.post('/api/v1/auth/mfa/verify', { data: { code: totpCode(user.totpSecret!) }, headers: { 'x-csrf-token': me.session.csrfToken } });
  expect(verify.ok(), await verify.text()).toBe(true);
  return page;
}

describe.skipIf(Boolean(skipReason))('Dataudveksling in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let admin: StaffUser;
  const problems: PageProblems[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const { municipality } = await buildMunicipality(server.database.db, { code: '999', name: 'Eksempel Kommune' });
    admin = await buildStaff(server.database.db, municipality, { roles: ['admin'], name: 'Ada Admin' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets an administrator see every problem of a bad file, import a good one with counts, and download the pseudonymised export', async () => {
    const page = await signIn(browser, server.url, admin, problems);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brugere' }).waitFor();
    await page.getByRole('navigation', { name: 'Administrationens sider' }).getByRole('link', { name: 'Dataudveksling' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dataudveksling' }).waitFor();
    await checkPage(page, 'Dataudveksling');

    const good = fs.readFileSync(EXAMPLE_PATH, 'utf8');
    const bad = JSON.parse(good) as { families: { members: { birthDate: string }[] }[] };
    bad.families[0]!.members[0]!.birthDate = '1992-10-18';
    await page.getByLabel('Fil i formatet helhed-exchange').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByText('Filen blev ikke importeret').waitFor();
    const problemsTable = page.getByRole('region', { name: 'Fejl i filen med deres sted (JSON-pointer)' });
    await problemsTable.getByRole('row', { name: /\/families\/0\/members\/0\/birthDate/ }).waitFor();
    await checkPage(page, 'Dataudveksling, a refused file');

    await page.getByLabel('Fil i formatet helhed-exchange').setInputFiles({ name: 'example.json', mimeType: 'application/json', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByText('Importen er gennemført').waitFor({ timeout: 120_000 });
    const families = page.getByRole('region', { name: 'Hvad importen gjorde, pr. slags' }).getByRole('row', { name: /^Familier/ });
    expect((await families.innerText()).replace(/\s+/g, ' ')).toMatch(/^Familier 8 0 0 0/);
    await checkPage(page, 'Dataudveksling, imported');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent pseudonymiseret' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^helhed-exchange-999-\d{4}-\d{2}-\d{2}-pseudonymiseret\.json$/);
    const doc = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { pseudonymised: boolean; families: unknown[] };
    expect(doc.pseudonymised).toBe(true);
    expect(doc.families).toHaveLength(8);
  });

  it('reported no console errors or uncaught exceptions', () => {
    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
