import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpCode } from '../../src/server/auth/totp.js';
import { browserSkipReason, checkPage, launchBrowser, newPage, type PageProblems } from '../support/browser.js';
import { buildChildWelfarePeriod, buildEnrolledFamily, buildExperienceAnswers, buildIntervention, buildRatedGoal, buildSupportPeriod } from '../support/evaluation-factories.js';
import { buildStaff, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality } from '../support/factories.js';
import { startTestServer } from '../support/server.js';

const skipReason = inject('browserSkipReason') ?? browserSkipReason();
const AS_OF = '2022-06-30';

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

describe.skipIf(Boolean(skipReason))('the evaluation in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let manager: StaffUser;
  let analyst: StaffUser;
  const problems: PageProblems[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const db = server.database.db;
    const { municipality: mu } = await buildMunicipality(db, { code: '159', name: 'Gladsaxe Kommune' });
    const coordinator = await buildStaff(db, mu, { roles: ['coordinator'], department: 'children_family', name: 'Kim Koordinator' });
    manager = await buildStaff(db, mu, { roles: ['manager'], department: 'children_family', name: 'Lone Leder' });
    analyst = await buildStaff(db, mu, { roles: ['analyst'], name: 'Eva Evaluator' });
    // Seven families enrolled across 2019–2020: enough for some figures to show to a manager, not all.
    const dates = ['2019-02-01', '2019-03-15', '2019-05-01', '2019-08-20', '2020-01-10', '2020-02-01', '2020-03-01'];
    for (const [i, enrolledAt] of dates.entries()) {
      const f = await buildEnrolledFamily(db, mu, {
        coordinator,
        enrolledAt,
        completedAt: i < 2 ? '2021-06-30' : undefined,
        members: [{ role: 'parent', sex: i % 3 === 0 ? 'male' : 'female' }, { role: 'child' }],
      });
      await buildIntervention(db, mu, { familyId: f.id, department: i % 2 ? 'jobcenter' : 'children_family', from: '2018-06-01', to: '2021-01-31', price: { amount: 9000 + i * 500, per: 'month' } });
      await buildSupportPeriod(db, mu, f.personIds[0]!, 'kontanthjaelp', '2015-01-01', '2020-06-30');
      await buildSupportPeriod(db, mu, f.personIds[0]!, i % 2 ? 'employed' : 'fleksjob', '2020-07-01', null);
      await buildChildWelfarePeriod(db, mu, f.personIds[1]!, 'measure', '2018-09-01', i < 5 ? '2021-01-31' : null);
      await buildRatedGoal(db, mu, f.id, [
        { date: '2020-04-01', value: 3 + (i % 3) },
        { date: '2021-04-01', value: 5 + (i % 4) },
      ]);
      await buildExperienceAnswers(db, mu, f.id, '2021-05-01', { knowsPlan: 4, ownGoals: 5, oneEntry: 3 + (i % 3), workTogether: 4, listenedTo: 5 });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a manager the KPIs with their definitions, charts with tables, "<5" for small counts, and an empty state before the first enrolment', async () => {
    const page = await signIn(browser, server.url, manager, problems);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Evaluering' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evaluering' }).waitFor();
    await page.getByLabel('Evalueringsdato', { exact: true }).fill(AS_OF);
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText('Tal pr. 30.06.2022.').waitFor();
    const families = page.locator('[data-kpi="families"]');
    await families.getByText('Indskrevne', { exact: true }).waitFor();
    expect(await families.innerText()).toContain('7');
    expect(await families.innerText()).toContain('Antal indskrevne, aktive og afsluttede familier');
    // Two completed families: hidden as "<5".
    expect(await page.locator('[data-kpi="duration"]').innerText()).toContain('<5');
    // Every chart is an image with a name and has a table beside it.
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(5);
    for (const chart of await charts.all()) expect((await chart.getAttribute('aria-label'))?.length).toBeGreaterThan(10);
    await page.getByRole('region', { name: 'Udgift pr. familie før og under indsatsen, fordelt på afdeling' }).getByRole('row', { name: /Jobcenter/ }).waitFor();
    await page.getByRole('region', { name: 'Årgange efter indskrivningskvartal' }).getByRole('row', { name: /2019-Q1/ }).waitFor();
    await checkPage(page, 'Evaluation (manager)');

    await page.getByLabel('Evalueringsdato', { exact: true }).fill('2018-12-31');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.getByText('Der er ingen indskrevne familier på evalueringsdatoen.').waitFor();
    await checkPage(page, 'Evaluation (manager), no families yet');
    // The pseudonymised extract is the analysts' (and administrators'), not the managers'.
    expect(await page.getByRole('heading', { name: 'Pseudonymiseret udtræk' }).count()).toBe(0);
  });

  it('shows an analyst exact counts and downloads the KPI table as CSV', async () => {
    const page = await signIn(browser, server.url, analyst, problems);
    await page.goto(`/evaluation?asOf=${AS_OF}`);
    await page.getByText('Som analytiker ser du alle antal præcist.').waitFor();
    expect(await page.locator('[data-kpi="duration"]').innerText()).not.toContain('<5');
    await checkPage(page, 'Evaluation (analyst)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent KPI-tabel (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`helhed-kpi-${AS_OF}.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFNøgle;Navn;Definition;n;')).toBe(true);
    // The pseudonymised extract an evaluator needs: no CPR numbers and no names.
    await page.getByRole('heading', { name: 'Pseudonymiseret udtræk' }).waitFor();
    const [extract] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent pseudonymiseret' }).click()]);
    expect(extract.suggestedFilename()).toMatch(/-pseudonymiseret\.json$/);
    const file = JSON.parse(fs.readFileSync((await extract.path())!, 'utf8')) as { families: Array<{ members: Array<Record<string, unknown>> }> };
    expect(file.families.length).toBeGreaterThan(0);
    for (const f of file.families) for (const mb of f.members) expect(Object.keys(mb).filter((k) => ['cpr', 'givenName', 'familyName'].includes(k))).toEqual([]);
  });

  it('reported no console errors or uncaught exceptions', () => {
    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
