import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserSkipReason, checkPage, launchBrowser, newPage, STEP_TIMEOUT_MS, type PageProblems } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

const skipReason = inject('browserSkipReason') ?? browserSkipReason();

const ADMIN = { name: 'Anne Andersen', email: 'anne.andersen@gladsaxe.dk', password: 'en lang sætning som kun anne kender' };
const USER = {
  name: 'Kim Koordinator',
  email: 'kim.koordinator@gladsaxe.dk',
  firstPassword: 'første-adgangskode-fra-admin',
  newPassword: 'kims egen lange og hemmelige sætning',
};

/** TOTP steps each user has used; the server refuses a step it has seen before for that user. */
const usedSteps = new Map<string, number>();
const PERIOD_MS = 30_000;

/** A fresh code for the user's secret, waiting for the next 30-second step if the current one is used. */
async function totpFor(email: string, secret: string): Promise<string> {
  const last = usedSteps.get(email);
  let step = Math.floor(Date.now() / PERIOD_MS);
  if (last !== undefined && step <= last) {
    const waitMs = (last + 1) * PERIOD_MS - Date.now() + 1_000;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    step = Math.floor(Date.now() / PERIOD_MS);
  }
  usedSteps.set(email, step);
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: step * PERIOD_MS + 1_000 });
}

async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' }).waitFor();
}

async function login(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
}

/** Reads the key shown for manual entry and confirms enrolment with a code computed from it. */
async function enrolTotp(page: Page, email: string): Promise<string> {
  await expectHeading(page, 'Sæt to-faktor-godkendelse op');
  await page.locator('#mfa-secret').first().waitFor();
  expect(await page.getByRole('img', { name: /QR-kode/ }).isVisible()).toBe(true);
  const secret = (await page.locator('#mfa-secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await checkPage(page, 'MFA enrol');
  await page.getByLabel('Engangskode').fill(await totpFor(email, secret));
  await page.getByRole('button', { name: 'Bekræft og fortsæt' }).click();
  return secret;
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log ud' }).click();
  await expectHeading(page, 'Log ind');
  await page.getByText('Du er logget ud').first().waitFor();
}

describe.skipIf(Boolean(skipReason))('the foundation in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    ({ page, problems } = await newPage(browser, server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('walks from first-run setup through users, two-factor, a forced password change and the audit log, accessibly', async () => {
    // First run: every address leads to setup.
    await page.goto('/admin/users');
    await expectHeading(page, 'Opsæt Helhed');
    expect(new URL(page.url()).pathname).toBe('/setup');
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.title()).toBe('Opsæt Helhed – Helhed');
    await checkPage(page, 'Setup');

    // An empty form: the error summary takes focus and links every problem to its field.
    await page.getByRole('button', { name: 'Opsæt Helhed' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Der er problemer' });
    await summary.first().waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await summary.getByRole('link', { name: /Kommunekode/ }).click();
    expect(await page.getByLabel('Kommunekode').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Kommunekode').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'Setup with errors');

    await page.getByLabel('Kommunekode').fill('159');
    await page.getByLabel('Kommunens navn').fill('Gladsaxe Kommune');
    await page.getByLabel('Administratorens navn').fill(ADMIN.name);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Ny adgangskode', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Gentag ny adgangskode').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Opsæt Helhed' }).click();

    await expectHeading(page, 'Log ind');
    await page.getByText('Helhed er sat op').first().waitFor();
    await checkPage(page, 'Login after setup');

    // The administrator logs in and enrols an authenticator (no forced password change for the setup admin).
    await login(page, ADMIN.email, ADMIN.password);
    const adminSecret = await enrolTotp(page, ADMIN.email);
    await expectHeading(page, `Velkommen, ${ADMIN.name}`);
    expect(await page.getByText('Gladsaxe Kommune').first().isVisible()).toBe(true);
    await checkPage(page, 'Home (admin)');

    // Create a family coordinator.
    // The main menu has one »Administration« link; the administration pages have their own tabs.
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    expect(await nav.getByRole('link', { name: 'Brugere' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Administration' }).click();
    const adminTabs = page.getByRole('navigation', { name: 'Administrationens sider' });
    await expectHeading(page, 'Brugere');
    await page.getByRole('link', { name: ADMIN.name }).first().waitFor();
    await checkPage(page, 'Users');

    await page.getByRole('link', { name: 'Opret bruger' }).click();
    await expectHeading(page, 'Opret bruger');
    await page.getByLabel('Afdeling').first().waitFor();
    await checkPage(page, 'Create user');
    await page.getByLabel('Navn').fill(USER.name);
    await page.getByLabel('E-mail').fill(USER.email);
    await page.getByLabel('Familiekoordinator').check();
    await page.getByLabel('Faggruppe').fill('Socialrådgiver');
    await page.getByLabel('Afdeling').selectOption({ label: 'Børne- og Familieafdelingen' });
    await page.getByLabel('Første adgangskode').fill(USER.firstPassword);
    await page.getByRole('button', { name: 'Opret bruger' }).click();

    await expectHeading(page, 'Brugere');
    await page.getByText(`Brugeren ${USER.name} er oprettet`).first().waitFor();
    const row = page.getByRole('row', { name: new RegExp(USER.name) });
    expect(await row.getByText('Familiekoordinator').isVisible()).toBe(true);
    expect(await row.getByText('Børne- og Familieafdelingen').isVisible()).toBe(true);
    await checkPage(page, 'Users after create');

    await page.getByLabel('Søg efter navn eller e-mail').fill('kim');
    await page.getByText('Viser 1 af 2 brugere.').first().waitFor();

    await page.getByRole('link', { name: USER.name }).click();
    await expectHeading(page, USER.name);
    await checkPage(page, 'User detail');

    // Departments, with the rename dialog opened and closed with Escape.
    await nav.getByRole('link', { name: 'Administration' }).click();
    await expectHeading(page, 'Brugere');
    await adminTabs.getByRole('link', { name: 'Afdelinger' }).click();
    expect(await adminTabs.getByRole('link', { name: 'Afdelinger' }).getAttribute('aria-current')).toBe('page');
    await expectHeading(page, 'Afdelinger');
    await page.getByRole('row', { name: /Jobcenter/ }).first().waitFor();
    await checkPage(page, 'Departments');
    await page.getByRole('button', { name: 'Omdøb Jobcenter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Omdøb Jobcenter' });
    await dialog.first().waitFor();
    expect(await dialog.getByLabel('Nyt navn').evaluate((el) => el === document.activeElement)).toBe(true);
    await checkPage(page, 'Departments rename dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await adminTabs.getByRole('link', { name: 'Indstillinger' }).click();
    await expectHeading(page, 'Indstillinger');
    await expect.poll(() => page.getByLabel('Administrator').isChecked(), { timeout: STEP_TIMEOUT_MS }).toBe(true);
    await checkPage(page, 'Settings');
    // How often goals are rated: a whole number of months, saved for the daily job.
    const interval = page.getByLabel('Vurdér mål hver (måneder)');
    await expect.poll(() => interval.inputValue(), { timeout: STEP_TIMEOUT_MS }).toBe('3');
    await interval.fill('13');
    await page.getByRole('button', { name: 'Gem intervallet' }).click();
    await page.getByText('Angiv et helt antal måneder fra 1 til 12.').first().waitFor();
    await interval.fill('4');
    await page.getByRole('button', { name: 'Gem intervallet' }).click();
    await page.getByText('Intervallet for vurdering af mål er gemt.').waitFor();
    await checkPage(page, 'Settings after the rating interval is saved');

    await logout(page);
    await checkPage(page, 'Login after logout');

    // The new user: first password, own authenticator, then a forced password change.
    await login(page, USER.email, USER.firstPassword);
    await enrolTotp(page, USER.email);
    await expectHeading(page, 'Skift adgangskode');
    await page.getByText('Vælg din egen adgangskode').first().waitFor();
    await checkPage(page, 'Forced password change');
    await page.getByLabel('Adgangskoden fra din administrator').fill(USER.firstPassword);
    await page.getByLabel('Ny adgangskode', { exact: true }).fill(USER.newPassword);
    await page.getByLabel('Gentag ny adgangskode').fill(USER.newPassword);
    await page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await expectHeading(page, `Velkommen, ${USER.name}`);
    expect(await page.getByText('Din adgangskode er skiftet.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Brugere' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await checkPage(page, 'Home (coordinator)');

    // A page the role cannot use, and an address that does not exist.
    await page.goto('/admin/users');
    await expectHeading(page, 'Du har ikke adgang til denne side');
    await checkPage(page, 'Forbidden');
    await page.goto('/findes-ikke');
    await expectHeading(page, 'Siden findes ikke');
    await checkPage(page, 'Not found');

    await logout(page);

    // A wrong password is refused with the server's Danish message.
    await login(page, USER.email, 'det her er ikke adgangskoden');
    const refusal = page.getByRole('alert').filter({ hasText: 'E-mail eller adgangskode er forkert.' });
    await refusal.first().waitFor();
    await checkPage(page, 'Login refused');

    // The administrator again, now with a code for a step not used before.
    await login(page, ADMIN.email, ADMIN.password);
    await expectHeading(page, 'Bekræft dit login');
    await checkPage(page, 'MFA verify');
    await page.getByLabel('Engangskode').fill(await totpFor(ADMIN.email, adminSecret));
    await page.getByRole('button', { name: 'Bekræft', exact: true }).click();
    await expectHeading(page, `Velkommen, ${ADMIN.name}`);

    // The audit log shows the refused login, the user creation and the logins.
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Log', exact: true }).click();
    await expectHeading(page, 'Log');
    const table = page.getByRole('table', { name: 'Loghændelser, nyeste først' });
    await table.first().waitFor();
    await checkPage(page, 'Audit');
    const rows = table.getByRole('row');
    expect(await rows.filter({ hasText: 'Mislykket login' }).filter({ hasText: USER.email }).count()).toBe(1);
    // Setup creates the first administrator; the administrator then created the coordinator.
    expect(await rows.filter({ hasText: 'Bruger oprettet' }).filter({ hasText: ADMIN.name }).count()).toBe(1);
    expect(await rows.filter({ hasText: 'Bruger oprettet' }).filter({ hasText: 'Familiekoordinator' }).count()).toBe(1);
    expect(await table.getByRole('cell', { name: 'Login', exact: true }).count()).toBe(3);

    // Filter on the refused logins only.
    await page.getByLabel('Handling').selectOption({ label: 'Mislykket login' });
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    await expect.poll(() => table.getByRole('cell', { name: 'Login', exact: true }).count(), { timeout: STEP_TIMEOUT_MS }).toBe(0);
    // The table may still be reloading when the plain logins vanish: wait for the filtered rows themselves.
    await expect.poll(() => table.getByRole('cell', { name: 'Mislykket login', exact: true }).count(), { timeout: STEP_TIMEOUT_MS }).toBeGreaterThanOrEqual(1);
    await checkPage(page, 'Audit filtered');

    // English: the interface, the document language and the page title follow.
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Audit log');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('Audit log – Helhed');
    const tableEn = page.getByRole('table', { name: 'Audit events, newest first' });
    expect(await tableEn.getByRole('cell', { name: 'Failed login', exact: true }).count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Administration' }).isVisible()).toBe(true);
    await checkPage(page, 'Audit in English');

    // The choice is remembered across a reload.
    await page.reload();
    await expectHeading(page, 'Audit log');

    expect(problems.errors).toEqual([]);
  }, 240_000);
});

describe.skipIf(Boolean(skipReason))('the idle timeout in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    // One minute idle: the warning shows 15 s after the last request, the logout 15 s later.
    server = await startTestServer({ sessionIdleMs: 60_000 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('warns before the idle logout, lets the user continue, and logs out with a message when ignored', async () => {
    const { page } = await newPage(browser, server.url);
    await page.goto('/setup');
    await page.getByLabel('Kommunekode').fill('101');
    await page.getByLabel('Kommunens navn').fill('Københavns Kommune');
    await page.getByLabel('Administratorens navn').fill('Ida Inaktiv');
    await page.getByLabel('E-mail').fill('ida@kk.dk');
    await page.getByLabel('Ny adgangskode', { exact: true }).fill('tre blå fugle på en gammel mur');
    await page.getByLabel('Gentag ny adgangskode').fill('tre blå fugle på en gammel mur');
    await page.getByRole('button', { name: 'Opsæt Helhed' }).click();
    await expectHeading(page, 'Log ind');
    await login(page, 'ida@kk.dk', 'tre blå fugle på en gammel mur');
    await enrolTotp(page, 'ida@kk.dk');
    await expectHeading(page, 'Velkommen, Ida Inaktiv');

    const warning = page.getByRole('dialog', { name: 'Du bliver snart logget ud' });
    await warning.waitFor();
    await checkPage(page, 'Idle warning');
    await warning.getByRole('button', { name: 'Fortsæt' }).click();
    await warning.waitFor({ state: 'hidden' });
    await expectHeading(page, 'Velkommen, Ida Inaktiv');

    // Ignored this time: the session ends and the login page says why.
    await expectHeading(page, 'Log ind');
    await page.getByText('Du er blevet logget ud', { exact: true }).waitFor();
  }, 180_000);
});

