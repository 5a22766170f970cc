// The platform screens driven in a real browser against the real server: sign-in, language, users,
// audit log and chain verification, API tokens, sign-out; plus axe on the main pages.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 60_000;

describe('platform web app', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const newUser = { email: `ana.garcia.${Date.now()}@trastienda.test`, name: 'Ana García' };

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, app.url));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  }, 60_000);

  it(
    'login page has no serious accessibility violations',
    async () => {
      await page.goto('/login');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'rejects a wrong password with a message',
    async () => {
      await page.getByRole('textbox', { name: 'Email', exact: true }).fill(ADMIN.email);
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong email or password');
      expect(new URL(page.url()).pathname).toBe('/login');
    },
    TIMEOUT,
  );

  it(
    'signs in and shows the demo company on the dashboard',
    async () => {
      await signIn(page);
      const main = page.getByRole('main');
      await main.getByText('Demo Trastienda S.L.').first().waitFor();
      await main.getByText('Administrator').first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'switches the language to Spanish and back',
    async () => {
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { level: 1, name: 'Panel' }).waitFor();
      await page.getByRole('link', { name: 'Usuarios y roles', exact: true }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('es');

      await page.getByLabel('Idioma').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    },
    TIMEOUT,
  );

  it(
    'dark theme has no serious accessibility violations either',
    async () => {
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Switch to light theme' }).click();
      await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('light');
    },
    TIMEOUT,
  );

  it(
    'creates a user in Users & roles',
    async () => {
      await openFromNavbar(page, 'Users & roles');
      await page.getByRole('cell', { name: ADMIN.email, exact: true }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Create user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      await dialog.getByRole('textbox', { name: 'Email', exact: true }).fill(newUser.email);
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(newUser.name);
      await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-enough-password');
      await dialog.getByRole('combobox', { name: 'Roles' }).click();
      await page.getByRole('option', { name: 'Accountant' }).click();
      await dialog.getByRole('heading', { name: 'New user' }).click(); // closes the roles dropdown
      await dialog.getByRole('button', { name: 'Create user' }).click();

      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row').filter({ hasText: newUser.email });
      await row.waitFor();
      expect(await row.textContent()).toContain('Accountant');
    },
    TIMEOUT,
  );

  it(
    'shows field errors from the API next to the field',
    async () => {
      await page.getByRole('button', { name: 'Create user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      await dialog.getByRole('textbox', { name: 'Email', exact: true }).fill('not-an-email');
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Someone');
      await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-enough-password');
      await dialog.getByRole('button', { name: 'Create user' }).click();
      // Mantine links the error text to the input with aria-describedby and marks it invalid.
      await expect.poll(() => dialog.getByRole('textbox', { name: 'Email', exact: true }).getAttribute('aria-invalid')).toBe('true');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    },
    TIMEOUT,
  );

  it(
    'lists the user.created event in the audit log, with its details',
    async () => {
      await openFromNavbar(page, 'Audit log');
      // Newest first: the first user.created row is the user made above.
      const row = page.getByRole('row').filter({ hasText: 'user.created' }).first();
      await row.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await row.getByRole('button', { name: /Details/ }).click();
      const drawer = page.getByRole('dialog', { name: /user\.created/ });
      await drawer.getByText(newUser.email).first().waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    },
    TIMEOUT,
  );

  it(
    'verifies the audit chain as intact',
    async () => {
      await page.getByRole('button', { name: 'Verify chain' }).click();
      const status = page.getByRole('status').filter({ hasText: 'Chain intact' });
      await status.waitFor();
      expect(await status.textContent()).toMatch(/Chain intact \(\d+ events?/);
    },
    TIMEOUT,
  );

  it(
    'creates an API token and shows it once',
    async () => {
      await openFromNavbar(page, 'API tokens');
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('e2e integration');
      await page.getByRole('button', { name: 'Create token' }).click();
      const box = page.getByRole('status').filter({ hasText: 'will not be shown again' });
      await box.waitFor();
      const secret = (await box.getByLabel('New API token').textContent())?.trim() ?? '';
      expect(secret.length).toBeGreaterThan(20);

      await box.getByRole('button', { name: 'I have saved it' }).click();
      await box.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: 'e2e integration' }).waitFor();
      expect(await page.getByText(secret).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'creates a second company with its own currency and switches to it',
    async () => {
      const slug = `usa-${Date.now().toString(36)}`;
      await openFromNavbar(page, 'Companies');
      const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create company' }) });
      await form.getByRole('textbox', { name: /Short name/ }).fill(slug);
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Trastienda Inc.');
      await form.getByRole('textbox', { name: /Base currency/ }).fill('usd');
      await form.getByRole('textbox', { name: /Country/ }).fill('us');
      await form.getByRole('button', { name: 'Create company' }).click();
      const row = page.getByRole('row').filter({ hasText: 'Trastienda Inc.' });
      await row.waitFor();
      await row.getByRole('button', { name: /Switch/ }).click();
      await openFromNavbar(page, 'Company settings');
      await expect.poll(() => page.getByRole('textbox', { name: /Base currency/ }).inputValue()).toBe('USD');
    },
    TIMEOUT,
  );

  it(
    'signs out and lands on the login page',
    async () => {
      await page.getByRole('button', { name: /User menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');

      // The session is really gone: a protected page sends us back to sign-in.
      await page.goto('/admin/users');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    },
    TIMEOUT,
  );
});
