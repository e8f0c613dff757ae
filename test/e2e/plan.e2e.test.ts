import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpCode } from '../../src/server/auth/totp.js';
import { buildFamily, buildStaff, type StaffUser } from '../support/family-factories.js';
import { buildMunicipality } from '../support/factories.js';
import { browserSkipReason, checkPage, launchBrowser, newPage, type PageProblems } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

const skipReason = inject('browserSkipReason') ?? browserSkipReason();

/** A wall-clock reading in Denmark: date (YYYY-MM-DD) and time (HH:mm). */
function copenhagen(instant: Date): { date: string; time: string } {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(instant);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return { date, time };
}

function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function isoDate(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date(Date.now() + days * 86_400_000));
}

async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).first().waitFor();
}

async function csrfOf(page: Page): Promise<string> {
  const me = await page.request.get('/api/v1/me');
  return ((await me.json()) as { session: { csrfToken: string } }).session.csrfToken;
}

describe.skipIf(Boolean(skipReason))("a coordinator's daily tool in a real browser: plan, meeting, journal, tasks", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let coordinator: StaffUser & { name: string };
  let familyId: string;
  const problems: PageProblems[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    // The fastest way to an active family with a coordinator: straight through the services.
    const db = server.database.db;
    const { municipality } = await buildMunicipality(db, { code: '159', name: 'Gladsaxe Kommune' });
    const staff = await buildStaff(db, municipality, { roles: ['coordinator'], department: 'children_family', name: 'Kim Koordinator' });
    coordinator = { ...staff, name: 'Kim Koordinator' };
    const jobcenter = await buildStaff(db, municipality, { roles: ['professional'], department: 'jobcenter', name: 'Jonas Jobkonsulent' });
    const family = await buildFamily(db, municipality, {
      coordinator,
      members: [
        { role: 'parent', givenName: 'Maja', familyName: 'Hansen', birthDate: '1990-03-15' },
        { role: 'child', givenName: 'Ida', familyName: 'Hansen', birthDate: '2018-07-02' },
      ],
      team: [{ user: jobcenter, department: 'jobcenter' }],
      status: 'active',
    });
    familyId = family.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds and publishes a plan, records the sign-off, holds a meeting whose decision becomes a task, keeps a finalised note unchanged and downloads the PDF and the invitation', async () => {
    const { context, page, problems: pageProblems } = await newPage(browser, server.url);
    problems.push(pageProblems);
    const headers = { 'x-csrf-token': 'anonymous' };
    const login = await context.request.post('/api/v1/auth/login', { data: { email: coordinator.email, password: coordinator.password }, headers });
    expect(login.ok()).toBe(true);
    const verify = await context.request.post('/api/v1/auth/mfa/verify', { data: { code: totpCode(coordinator.totpSecret!) }, headers: { 'x-csrf-token': await csrfOf(page) } });
    expect(verify.ok(), await verify.text()).toBe(true);

    // ── The plan: three goals in three life domains, one action, a baseline ──
    await page.goto(`/families/${familyId}/plan`);
    await expectHeading(page, /Helhedsplan/);
    await page.getByText('Planen har ingen mål endnu.').waitFor();
    // Nothing published yet: the draft is said to be only a draft, not »the same as the version in force«.
    await page.getByText('Kun en kladde: planen er ikke offentliggjort endnu').waitFor();
    expect(await page.getByText('Kladden svarer til den gældende version').count()).toBe(0);
    await checkPage(page, 'Plan, empty');

    await page.getByRole('button', { name: 'Sæt udgangspunkt' }).click();
    const baselineForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gem udgangspunkt' }) });
    await baselineForm.getByLabel('Livsområde').selectOption({ label: 'Bolig' });
    await baselineForm.getByLabel('Score (0–10)').selectOption('3');
    await baselineForm.getByLabel('Kort beskrivelse').fill('Lejligheden er for lille, og huslejen er bagud.');
    await baselineForm.getByRole('button', { name: 'Gem udgangspunkt' }).click();
    await page.getByText('Udgangspunktet for Bolig er gemt.').waitFor();

    const goals = [
      { title: 'Vi vil have ro om morgenen', domain: 'Hverdagsliv', criterion: 'Ida kommer i skole til tiden fire dage om ugen' },
      { title: 'Maja vil i arbejde', domain: 'Arbejde og uddannelse', criterion: 'Maja har et fleksjob eller en praktik' },
      { title: 'Ida skal have en ven at lege med', domain: 'Fritid og venner', criterion: 'Ida går til en fritidsaktivitet hver uge' },
    ];
    for (const [index, goal] of goals.entries()) {
      await page.getByRole('button', { name: 'Tilføj mål' }).click();
      const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gem mål' }) });
      await form.getByLabel('Målet med familiens egne ord').fill(goal.title);
      await form.getByLabel('Livsområde').selectOption({ label: goal.domain });
      if (index === 1) await form.getByLabel('Hvem gælder målet').selectOption({ label: 'Maja Hansen' });
      await form.getByLabel('Succeskriterium').fill(goal.criterion);
      if (index === 0) {
        await form.getByLabel('Lovkrav, som målet dækker (kan udelades)').fill('Barnets lov § 92');
        await form.getByLabel('Beskriv niveauerne −2 til +2 nu').check();
        await form.getByLabel('Niveau 0').fill('Til tiden tre dage om ugen');
        await form.getByLabel('Niveau +2').fill('Til tiden hver dag');
      }
      await form.getByRole('button', { name: 'Gem mål' }).click();
      await page.getByText(`Målet »${goal.title}« er tilføjet.`).waitFor();
    }
    await page.getByRole('heading', { level: 3, name: 'Fritid og venner' }).waitFor();

    await page.getByRole('button', { name: `Tilføj handling til »${goals[0]!.title}«` }).click();
    const actionForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Tilføj handling' }) });
    await actionForm.getByLabel('Hvad skal gøres').fill('Fast morgenrutine med billedskema');
    await actionForm.getByLabel('Ansvarlig').selectOption({ label: 'Maja Hansen (familien)' });
    await actionForm.getByLabel('Frist (kan udelades)').fill(isoDate(30));
    await actionForm.getByRole('button', { name: 'Tilføj handling' }).click();
    await page.getByText('Handlingen »Fast morgenrutine med billedskema« er tilføjet.').waitFor();
    await checkPage(page, 'Plan with three goals');

    // ── Publish with confirmation ──
    await page.getByLabel('Næste opfølgning').fill(isoDate(90));
    await page.getByRole('button', { name: 'Offentliggør', exact: true }).click();
    const publishDialog = page.getByRole('dialog', { name: 'Offentliggør planen?' });
    await publishDialog.waitFor();
    await checkPage(page, 'Plan publish confirmation');
    await publishDialog.getByRole('button', { name: 'Ja, offentliggør' }).click();
    await page.getByText('Version 1 er offentliggjort og gælder nu.').waitFor();
    await page.getByText('Kladden svarer til den gældende version').waitFor();

    // ── The family's sign-off ──
    await page.getByRole('button', { name: 'Registrér underskrift på version 1' }).click();
    const signForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Registrér underskrift' }) });
    await signForm.getByLabel('Hvem skrev under').selectOption({ label: 'Maja Hansen' });
    await signForm.getByLabel('Med brev').check();
    await signForm.getByRole('button', { name: 'Registrér underskrift' }).click();
    await page.getByText('Maja Hansens underskrift på version 1 er registreret.').waitFor();
    await page.getByRole('cell', { name: /Maja Hansen, .* \(Med brev\)/ }).waitFor();

    // What changed in version 1 (against the draft once something changes is shown by the same panel).
    await page.getByRole('button', { name: 'Vis ændringer' }).click();
    await page.getByText(`Mål tilføjet: »${goals[2]!.title}«`).or(page.getByText('Der er ingen forskel.')).first().waitFor();
    await checkPage(page, 'Plan published and signed');

    // ── The PDF for the family ──
    const pdfHref = await page.getByRole('link', { name: 'Hent planen som PDF (dansk)' }).getAttribute('href');
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const pdfEn = await page.request.get((await page.getByRole('link', { name: 'Hent planen som PDF (engelsk)' }).getAttribute('href'))!);
    expect(pdfEn.headers()['content-type']).toContain('application/pdf');

    // ── A network meeting that has begun: minutes and a decision that becomes a task ──
    await page.getByRole('navigation', { name: 'Familiens sider' }).getByRole('link', { name: 'Møder' }).click();
    await expectHeading(page, /^Møder/);
    await page.getByText('Familien har ingen møder endnu.').waitFor();
    await checkPage(page, 'Meetings, empty');
    const now = Date.now();
    const startToday = copenhagen(new Date(now));
    const earlier = copenhagen(new Date(now - 60 * 60_000));
    const start = earlier.date === startToday.date ? earlier.time : '00:00';
    await page.getByRole('button', { name: 'Planlæg møde' }).click();
    const meetingForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Planlæg mødet' }) });
    await meetingForm.getByLabel('Mødets titel').fill('Netværksmøde om morgenerne');
    await meetingForm.getByLabel('Dato').fill(startToday.date);
    await meetingForm.getByLabel('Starttidspunkt').fill(start);
    await meetingForm.getByLabel('Sluttidspunkt').fill(addMinutes(start, 30));
    await meetingForm.getByLabel('Sted (kan udelades)').fill('Familiens hjem');
    await meetingForm.getByLabel(goals[0]!.title).check();
    await meetingForm.getByLabel('Maja Hansen').check();
    await meetingForm.getByLabel('Kim Koordinator').check();
    await meetingForm.getByRole('button', { name: 'Tilføj netværksperson' }).click();
    await meetingForm.getByLabel('Netværksperson 1: navn').fill('Grethe Hansen');
    await meetingForm.getByLabel('Netværksperson 1: relation').fill('mormor');
    await meetingForm.getByRole('button', { name: 'Planlæg mødet' }).click();
    await page.getByText('Mødet »Netværksmøde om morgenerne« er planlagt.').waitFor();
    await page.getByRole('link', { name: 'Netværksmøde om morgenerne' }).click();
    await expectHeading(page, /Netværksmøde om morgenerne/);
    await page.getByText('Grethe Hansen (mormor)').waitFor();
    await checkPage(page, 'Meeting, planned');

    const icsHref = await page.getByRole('link', { name: 'Hent invitation (.ics)' }).getAttribute('href');
    const ics = await page.request.get(icsHref!);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');

    await page.getByRole('button', { name: 'Skriv referat og fremmøde' }).click();
    const minutesForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gem referat' }) });
    await minutesForm.getByLabel('Referat').fill('Vi talte om morgenerne. Mormor henter Ida om tirsdagen.');
    await minutesForm.getByRole('button', { name: 'Gem referat' }).click();
    await page.getByText('Referatet er gemt, og mødet er markeret som afholdt.').waitFor();

    await page.getByRole('button', { name: 'Tilføj beslutning' }).click();
    const decisionForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gem beslutning' }) });
    await decisionForm.getByLabel('Beslutning').fill('Ring til skolen om morgenmad');
    await decisionForm.getByLabel('Hvem får opgaven').selectOption({ label: 'Kim Koordinator' });
    await decisionForm.getByLabel('Frist').fill(isoDate(7));
    await decisionForm.getByRole('button', { name: 'Gem beslutning' }).click();
    await page.getByText('Beslutningen er gemt.').waitFor();
    await page.getByText('Ring til skolen om morgenmad').first().waitFor();
    await checkPage(page, 'Meeting, held with a decision');

    // ── A journal note: written, finalised, refused an edit, given an addendum ──
    await page.goto(`/families/${familyId}/notes`);
    await expectHeading(page, /^Journal/);
    await page.getByText('Familien har ingen journalnotater endnu.').waitFor();
    await checkPage(page, 'Journal, empty');
    await page.getByRole('button', { name: 'Skriv notat' }).click();
    const noteForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gem som kladde' }) });
    await noteForm.getByLabel('Type').selectOption({ label: 'Hjemmebesøg' });
    await noteForm.getByLabel('Maja Hansen').check();
    await noteForm.getByLabel(goals[0]!.title).check();
    await noteForm.getByLabel('Notat', { exact: true }).fill('Hjemmebesøg: morgenrutinen er i gang, Ida kom i skole til tiden.');
    await noteForm.getByRole('button', { name: 'Gem som kladde' }).click();
    await page.getByText('Notatet er gemt som kladde.').waitFor();
    await page.getByRole('button', { name: 'Ret notat' }).waitFor();
    await checkPage(page, 'Journal with a draft');

    await page.getByRole('button', { name: 'Afslut notat' }).click();
    const finaliseDialog = page.getByRole('dialog', { name: 'Afslut notatet?' });
    await finaliseDialog.getByText('kan det ikke ændres bagefter').waitFor();
    await finaliseDialog.getByRole('button', { name: 'Ja, afslut notatet' }).click();
    await page.getByText('Notatet er afsluttet og kan ikke længere ændres.').waitFor();
    expect(await page.getByRole('button', { name: 'Ret notat' }).count()).toBe(0);

    const list = (await (await page.request.get(`/api/v1/families/${familyId}/notes`)).json()) as { notes: Array<{ id: string; finalised: boolean; text: string }> };
    const note = list.notes[0]!;
    expect(note.finalised).toBe(true);
    const refused = await page.request.patch(`/api/v1/notes/${note.id}`, { data: { text: 'Ændret bagefter' }, headers: { 'x-csrf-token': await csrfOf(page) } });
    expect(refused.ok()).toBe(false);
    expect(refused.status()).toBeGreaterThanOrEqual(400);

    await page.getByRole('button', { name: 'Tilføj tillæg' }).click();
    const addendumForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gem tillæg' }) });
    await addendumForm.getByLabel('Tillæg').fill('Rettelse: det var onsdag, ikke tirsdag.');
    await addendumForm.getByRole('button', { name: 'Gem tillæg' }).click();
    await page.getByText('Tillægget er gemt.').waitFor();
    await page.getByText('Rettelse: det var onsdag, ikke tirsdag.').waitFor();
    await page.getByText('Hjemmebesøg: morgenrutinen er i gang, Ida kom i skole til tiden.').waitFor();
    await checkPage(page, 'Journal with a finalised note and an addendum');

    // Search within the family.
    await page.getByLabel('Tekst').fill('onsdag');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByText('1 notat', { exact: true }).waitFor();

    // ── Mine opgaver: the decision is a task; the header counts what is overdue ──
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: /^Opgaver/ }).click();
    await expectHeading(page, 'Mine opgaver');
    await page.getByRole('row', { name: /Ring til skolen om morgenmad/ }).waitFor();
    await checkPage(page, 'My tasks');
    await page.getByRole('button', { name: 'Markér som udført Ring til skolen om morgenmad' }).click();
    await page.getByText('Opgaven »Ring til skolen om morgenmad« er markeret som udført.').waitFor();

    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mine møder' }).click();
    await expectHeading(page, 'Mine møder');
    await checkPage(page, 'My meetings');

    // ── The family overview gathers it ──
    await page.goto(`/families/${familyId}`);
    await expectHeading(page, /Maja Hansen|Hansen/);
    const work = page.locator('#work');
    await work.getByText(goals[1]!.title).waitFor();
    await work.getByText(/Hjemmebesøg/).first().waitFor();
    await checkPage(page, 'Family overview with plan, meetings and notes');

    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
