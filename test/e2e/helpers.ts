// Shared set-up for the browser tests: the real server in-process on a fresh data dir, the system
// Chromium through playwright-core, sign-in, and the accessibility check.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startServer } from '../../src/server.ts';

const root = path.resolve(import.meta.dirname, '../..');

export const ADMIN = { email: 'admin@trastienda.test', password: 'e2e-admin-password-1' } as const;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface TestApp {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Builds the web app if it is missing or stale (a no-op when it is current). */
export function ensureWebBuild(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web-build.mjs')], { cwd: root, stdio: 'inherit' });
}

/** Starts the API + web app on a random port with a fresh embedded database and a known admin. */
export async function startTestApp(): Promise<TestApp> {
  ensureWebBuild();
  const dataDir = fs.mkdtempSync(`${os.tmpdir()}/trastienda-e2e-`);
  const server = await startServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    log: false,
  });
  return {
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh browser context in English, so language detection starts from a known place. */
export async function newPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, email: string = ADMIN.email, password: string = ADMIN.password): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

/** Navigates with the sidebar, as a person would. */
export async function openFromNavbar(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: label }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

export interface A11yIssue {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core violations of impact serious or critical on the current page (WCAG 2.x A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<A11yIssue[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
