import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; HELHED_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.HELHED_CHROMIUM ?? '/usr/bin/chromium';

/** Generous on a slow two-core machine: every auto-waiting step may take this long. */
export const STEP_TIMEOUT_MS = 60_000;

/**
 * Why the browser tests cannot run here, or null when they can.
 * Without Chromium they are skipped with a message — except in CI (CI=true), where that is a failure.
 */
export function browserSkipReason(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const message = `Chromium findes ikke på ${CHROMIUM_PATH} (apt-get install chromium) / Chromium not found at ${CHROMIUM_PATH}`;
  if (process.env.CI === 'true') throw new Error(`${message} — CI=true kræver browsertestene / CI=true requires the browser tests`);
  console.warn(`\n⚠ ${message} — springer browsertestene over / skipping the browser tests.\n`);
  return message;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Problems the page reported on its own: console errors, uncaught exceptions, CSP violations. */
export interface PageProblems {
  errors: string[];
}

/**
 * A fresh browser context (own cookies and storage) in Danish and Copenhagen time, and its page.
 * Console errors and uncaught exceptions are collected so a test can insist there were none.
 */
export async function newPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // The browser logs every non-2xx fetch; the tests provoke some of those on purpose (a wrong password).
    if (/Failed to load resource: the server responded with a status of (400|401|403|409|423|429)/.test(text)) return;
    problems.errors.push(text);
  });
  return { context, page, problems };
}

/** Fails with a readable list when axe finds WCAG 2.1 A/AA violations on the page as it is now. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.flatMap((v) => [
    `- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`,
    `  ${v.helpUrl}`,
    ...v.nodes.slice(0, 5).map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  ]);
  throw new Error(`Tilgængelighedsfejl (axe, WCAG 2.1 AA) på ${label}:\n${lines.join('\n')}`);
}

/**
 * Every page a browser test visits goes through here: axe must find nothing, and with
 * HELHED_SCREENSHOTS=<dir> a full-page screenshot is saved for a person to look at.
 */
export async function checkPage(page: Page, label: string): Promise<void> {
  const dir = process.env.HELHED_SCREENSHOTS;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    const name = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  }
  await expectNoAxeViolations(page, label);
}
