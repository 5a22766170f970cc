// Financial reports in a real browser against the real server: two entries posted through the API, the
// balance sheet and the profit and loss showing them, drill-down from an account to its general ledger
// and on to the entry, a CSV download; axe on each view.
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 60_000;

/** Today in the local time zone, as the page's default "to" date is. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

describe('reports web app', () => {
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
    const post = async (memo: string, lines: object[]) => {
      const res = await page.request.post('/api/v1/ledger/entries', {
        headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() },
        data: { journalCode: 'GEN', date: today(), memo, lines },
      });
      expect(res.status()).toBe(201);
    };
    // The demo company keeps Spanish books (PGC): 572 bank, 100 capital, 430 customers, 705 services.
    await post('Capital paid in', [
      { accountCode: '572', debit: '5000' },
      { accountCode: '100', credit: '5000' },
    ]);
    await post('Consulting invoice', [
      { accountCode: '430', debit: '1200' },
      { accountCode: '705', credit: '1200' },
    ]);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  }, 60_000);

  const row = (text: string) => page.getByRole('row').filter({ hasText: text }).first();

  it(
    'shows a balance sheet that balances, with the current year’s earnings in equity',
    async () => {
      await openFromNavbar(page, 'Reports');
      await page.getByRole('tab', { name: 'Balance sheet', selected: true }).waitFor();
      await page.getByText('Assets equal liabilities plus equity.').waitFor();
      expect(await row('Banks, current accounts, euros').textContent()).toContain('5,000.00');
      expect(await row('Current year earnings').textContent()).toContain('1,200.00');
      expect(await row('Total liabilities and equity').textContent()).toContain('6,200.00');
      expect(await row('Total Assets').textContent()).toContain('6,200.00');
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shows the profit and loss, compared with last year',
    async () => {
      await page.getByRole('tab', { name: 'Profit and loss' }).click();
      await row('Services rendered').waitFor();
      expect(await row('Services rendered').textContent()).toContain('1,200.00');
      expect(await row('Net result').textContent()).toContain('1,200.00');
      await page.getByRole('switch', { name: 'Compare' }).check();
      await page
        .getByRole('columnheader', { name: /^From / })
        .or(page.getByRole('columnheader', { name: / – / }))
        .first()
        .waitFor();
      expect(await page.getByRole('columnheader').count()).toBe(4);
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'drills down from an account to its general ledger and on to the entry',
    async () => {
      await page.getByRole('button', { name: 'Services rendered', exact: true }).click();
      await page.getByRole('tab', { name: 'General ledger', selected: true }).waitFor();
      const line = row('Consulting invoice');
      await line.waitFor();
      expect(await line.textContent()).toContain('1,200.00');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await line.getByRole('button', { name: /^Open entry GEN / }).click();
      const drawer = page.getByRole('dialog', { name: /^Entry GEN / });
      await drawer.getByText('Consulting invoice', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    },
    TIMEOUT,
  );

  it(
    'downloads the general ledger as CSV',
    async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^general-ledger-.*\.csv$/);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(csv.split('\r\n')[0]).toBe('Code,Account,Date,Entry,Description,Debit,Credit,Balance');
      expect(csv).toContain('705,Services rendered');
      expect(csv).toContain('1200.00');
    },
    TIMEOUT,
  );
});
