// Multi-currency in a real browser against the real server: a USD bank deposit posted through the API,
// a USD rate added from the Exchange rates page (after the form refuses a bad rate), the revaluation
// previewed and posted from the page, and its entry found among the journal entries; axe on the page and
// on the revaluation dialog.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 60_000;
const YEAR = new Date().getFullYear();
const DEPOSIT_DATE = `${YEAR}-01-15`;
const REVALUATION_DATE = `${YEAR}-01-31`;

describe('exchange rates web app', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, app.url));
    await signIn(page);
    const me = await (await page.request.get('/api/v1/auth/me')).json();
    // The demo company keeps Spanish books (PGC) in EUR: 1,000 USD paid into bank 572 at 0.90 = 900 EUR.
    const res = await page.request.post('/api/v1/ledger/entries', {
      headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
      data: {
        journalCode: 'GEN',
        date: DEPOSIT_DATE,
        memo: 'USD capital paid in',
        lines: [
          { accountCode: '572', debit: '900', currency: 'USD', amountCurrency: '1000', rate: '0.9' },
          { accountCode: '100', credit: '900' },
        ],
      },
    });
    expect(res.status()).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  }, 60_000);

  it(
    'adds a USD rate from the page, after refusing a malformed one in the form',
    async () => {
      await openFromNavbar(page, 'Exchange rates');
      await page.getByText('No exchange rates yet.').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Add rate' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add an exchange rate' });
      await dialog.getByRole('textbox', { name: 'Currency', exact: true }).fill('usd');
      await dialog.getByRole('textbox', { name: 'Valid from', exact: true }).fill(REVALUATION_DATE);
      await dialog.getByRole('textbox', { name: 'Rate', exact: true }).fill('0.95.1');
      await dialog.getByRole('button', { name: 'Save rate' }).click();
      await dialog.getByText('Must be a decimal like 1.0825, with at most 10 decimals').waitFor();
      // The field error's red keeps AA contrast (the theme overrides Mantine's --mantine-color-error).
      expect(await seriousA11yViolations(page)).toEqual([]);

      await dialog.getByRole('textbox', { name: 'Rate', exact: true }).fill('0.95');
      await dialog.getByRole('button', { name: 'Save rate' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row').filter({ hasText: 'USD' });
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toEqual([
        expect.stringContaining(String(YEAR)),
        'USD',
        'EUR',
        '0.95',
        'Manual',
        expect.stringContaining('Edit'),
      ]);
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'previews the revaluation, posts it and shows the entry number',
    async () => {
      await page.getByRole('button', { name: 'Revalue' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revalue foreign-currency balances' });
      await dialog.getByRole('textbox', { name: 'Revaluation date', exact: true }).fill(REVALUATION_DATE);
      await dialog.getByRole('button', { name: 'Preview' }).click();
      const bank = dialog.getByRole('row').filter({ hasText: '572' });
      await bank.waitFor();
      expect((await bank.getByRole('cell').allTextContents()).slice(1)).toEqual(['USD', '1,000.00', '900.00', '0.95', '950.00', '50.00']);
      await dialog.getByText(`The revaluation is reversed automatically on ${YEAR}-02-01.`).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await dialog.getByRole('button', { name: 'Post revaluation' }).click();
      const posted = dialog.getByRole('status').filter({ hasText: 'Revaluation posted' });
      await posted.waitFor();
      expect(await posted.textContent()).toMatch(
        new RegExp(`Entry GEN ${YEAR}/\\d+ posted; its reversal GEN ${YEAR}/\\d+ is dated ${YEAR}-02-01\\.`),
      );
      await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
      await dialog.waitFor({ state: 'hidden' });
    },
    TIMEOUT,
  );

  it(
    'lists the revaluation and its reversal among the journal entries',
    async () => {
      await openFromNavbar(page, 'Journal entries');
      await page
        .getByRole('row')
        .filter({ hasText: `Unrealized exchange differences at ${REVALUATION_DATE}` })
        .waitFor();
      await page.getByRole('row').filter({ hasText: 'Reversal of GEN' }).first().waitFor();
    },
    TIMEOUT,
  );
});
