// The plain-text journal in a real browser against the real server: a journal with a mistake refused with its
// line, the corrected one imported through the Import journal dialog, its entries in the list, the trial balance
// by commodity showing the shares it bought, and the books exported back as a journal; the chart and exchange
// rate CSV imports, which share the journal's import dialog; axe on the pages and dialog.
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 60_000;
const YEAR = new Date().getFullYear();
const MEMO = 'Bought ACME shares';

/**
 * A brokerage account opened with cash and used to buy 10 ACME: 2 entries, 6 new accounts (with their parents
 * Assets, Assets:Broker and Equity). `equity` is the opening's other side: the books balance when it is -1000.00.
 */
const journal = (equity: string) =>
  [
    `P ${YEAR}-01-31 ACME 52.00 EUR`,
    '',
    `${YEAR}-01-02 Brokerage account opened`,
    '    Assets:Broker:Cash      1000.00 EUR',
    `    Equity:Opening          ${equity} EUR`,
    '',
    `${YEAR}-01-05 ${MEMO}`,
    '    Assets:Broker:Shares    10 ACME @ 50.25 EUR',
    '    Assets:Broker:Cash      -502.50 EUR',
    '',
  ].join('\n');

describe('journal file web app', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, app.url));
    await signIn(page);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  }, 60_000);

  const chooseFile = (dialog: ReturnType<Page['getByRole']>, name: string, text: string) =>
    dialog.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });

  it(
    'refuses a journal with a mistake, naming its line, then imports the corrected one',
    async () => {
      await openFromNavbar(page, 'Journal entries');
      await page.getByRole('button', { name: 'Import journal' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import a journal' });

      // The opening does not balance: the error names its line and nothing is imported.
      await chooseFile(dialog, 'broker.journal', journal('-900.00'));
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      const alert = dialog.getByRole('alert');
      await alert.getByText(/line 3: unbalanced transaction/).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await chooseFile(dialog, 'broker.journal', journal('-1000.00'));
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      await dialog
        .getByRole('status')
        .filter({ hasText: 'Import done: 2 entries with 4 lines posted to GEN, 6 accounts created, 1 market prices saved.' })
        .waitFor();
      // After an import the footer's Cancel reads Close (the header's × is also named Close).
      await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
      await dialog.waitFor({ state: 'hidden' });

      const row = page.getByRole('row').filter({ hasText: MEMO });
      await row.waitFor();
      expect(await row.textContent()).toContain('502.50');
      await page.getByRole('row').filter({ hasText: 'Brokerage account opened' }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'shows the trial balance by commodity, with the shares in their own units',
    async () => {
      await openFromNavbar(page, 'Trial balance');
      await page.getByRole('radiogroup', { name: 'View' }).getByText('By commodity', { exact: true }).click();
      const shares = page.getByRole('row').filter({ hasText: 'Assets:Broker:Shares' });
      await shares.waitFor();
      expect(await shares.getByRole('cell').allTextContents()).toEqual(['Assets:Broker:Shares', 'ACME', '10.00', '0.00', '10.00']);
      const cash = page.getByRole('row').filter({ hasText: 'Assets:Broker:Cash' });
      expect(await cash.getByRole('cell').allTextContents()).toEqual(['Assets:Broker:Cash', 'EUR', '1,000.00', '502.50', '497.50']);
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'exports the books as a journal that holds the imported accounts',
    async () => {
      await openFromNavbar(page, 'Journal entries');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export journal' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.journal$/);
      const text = fs.readFileSync(await download.path(), 'utf8');
      expect(text).toContain('account Assets:Broker:Shares');
      expect(text).toContain(MEMO);
      expect(text).toMatch(/10 ACME @@ 502\.50? EUR/);
    },
    TIMEOUT,
  );

  it(
    'imports a chart of accounts and exchange rates through the same kind of dialog',
    async () => {
      await openFromNavbar(page, 'Chart of accounts');
      await page.getByRole('button', { name: 'Import CSV' }).click();
      const chart = page.getByRole('dialog', { name: 'Import a chart of accounts' });
      await chooseFile(
        chart,
        'chart.csv',
        'code,name,name_es,type,subtype,parent_code\n5730,Cash in transit,Efectivo en tránsito,asset,,\n',
      );
      await chart.getByRole('button', { name: 'Import', exact: true }).click();
      await chart.getByRole('status').filter({ hasText: 'Import done: 1 accounts created, 0 already in the chart.' }).waitFor();
      await chart.getByRole('button', { name: 'Close', exact: true }).last().click();
      await chart.waitFor({ state: 'hidden' });

      await openFromNavbar(page, 'Exchange rates');
      await page.getByRole('button', { name: 'Import CSV' }).click();
      const rates = page.getByRole('dialog', { name: 'Import exchange rates' });
      await chooseFile(rates, 'rates.csv', `date,currency,rate\n${YEAR}-02-28,GBP,abc\n`);
      await rates.getByRole('button', { name: 'Import', exact: true }).click();
      await rates
        .getByRole('alert')
        .getByText(/line 2: rate: must be a decimal string/)
        .waitFor();
      await chooseFile(rates, 'rates.csv', `date,currency,rate\n${YEAR}-02-28,GBP,1.17\n`);
      await rates.getByRole('button', { name: 'Import', exact: true }).click();
      await rates.getByRole('status').filter({ hasText: '1 created, 0 updated, 0 unchanged' }).waitFor();
      await rates.getByRole('button', { name: 'Close', exact: true }).last().click();
      await rates.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: 'GBP' }).filter({ hasText: '1.17' }).first().waitFor();
    },
    TIMEOUT,
  );
});
