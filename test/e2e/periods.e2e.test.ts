// The year-end close in a real browser against the real server: a sale posted in last year, that year
// closed from the Periods page after its preview, its result found in retained earnings, and a new
// posting into the closed year refused; axe on the page and on the close dialog.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 60_000;
const PAST_YEAR = new Date().getFullYear() - 1;
const memo = `Sale of ${PAST_YEAR}`;

describe('periods web app', () => {
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

  async function fillEntry(date: string, value: string) {
    await page.getByRole('button', { name: 'New entry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New journal entry' });
    await dialog.getByRole('textbox', { name: 'Date', exact: true }).fill(date);
    await dialog.getByRole('textbox', { name: 'Memo', exact: true }).fill(memo);
    for (const [line, code, name, side] of [
      [1, '572', 'Banks, current accounts, euros', 'Debit'],
      [2, '700', 'Sales of goods', 'Credit'],
    ] as const) {
      const input = dialog.getByRole('combobox', { name: `Account, line ${line}`, exact: true });
      await input.click();
      await input.fill(code);
      await page.getByRole('option', { name: `${code} — ${name}` }).click();
      await dialog.getByRole('textbox', { name: `${side}, line ${line}`, exact: true }).fill(value);
    }
    await dialog.getByRole('button', { name: 'Post entry' }).click();
    return dialog;
  }

  it(
    `posts a sale dated in ${PAST_YEAR}`,
    async () => {
      await openFromNavbar(page, 'Journal entries');
      const dialog = await fillEntry(`${PAST_YEAR}-06-15`, '1500');
      await dialog.waitFor({ state: 'hidden' });
      await page.keyboard.press('Escape');
      await page.getByRole('row').filter({ hasText: memo }).filter({ hasText: 'Posted' }).waitFor();
    },
    TIMEOUT,
  );

  it(
    `previews and closes fiscal year ${PAST_YEAR} from the Periods page`,
    async () => {
      await openFromNavbar(page, 'Periods');
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(PAST_YEAR), exact: true }) });
      await row.filter({ hasText: 'Open' }).filter({ hasText: '1,500.00 EUR' }).waitFor();
      await page.getByText('The books are not locked.').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await row.getByRole('button', { name: `Close fiscal year ${PAST_YEAR}` }).click();
      const dialog = page.getByRole('dialog', { name: `Close fiscal year ${PAST_YEAR}` });
      const sales = dialog.getByRole('row').filter({ hasText: '700 — Sales of goods' });
      await sales.waitFor();
      expect(await sales.getByRole('cell').allTextContents()).toEqual(['700 — Sales of goods', '1,500.00', '0.00']);
      const retained = dialog.getByRole('row').filter({ hasText: '120 — ' });
      expect(await retained.getByRole('cell').allTextContents()).toEqual([expect.stringMatching(/^120 — /), '0.00', '1,500.00']);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await dialog.getByRole('button', { name: `Close fiscal year ${PAST_YEAR}` }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row.filter({ hasText: 'Closed' }).waitFor();
      await page.getByText(`The books are locked up to and including Dec 31, ${PAST_YEAR}.`).waitFor();
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: String(PAST_YEAR + 1), exact: true }) })
        .filter({ hasText: 'Open' })
        .waitFor();
    },
    TIMEOUT,
  );

  it(
    'shows the result in retained earnings and the sales account emptied',
    async () => {
      await openFromNavbar(page, 'Trial balance');
      const retained = page.getByRole('row').filter({ hasText: 'Retained earnings' });
      await retained.waitFor();
      expect(await retained.textContent()).toContain('-1,500.00');
      const sales = page.getByRole('row').filter({ hasText: 'Sales of goods' });
      expect((await sales.getByRole('cell').allTextContents()).at(-1)).toBe('0.00');
    },
    TIMEOUT,
  );

  it(
    'refuses a new posting dated in the closed year',
    async () => {
      await openFromNavbar(page, 'Journal entries');
      const dialog = await fillEntry(`${PAST_YEAR}-07-01`, '10');
      await dialog.getByText(`must be after the lock date ${PAST_YEAR}-12-31`).waitFor();
      expect(await dialog.isVisible()).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect(await page.getByRole('row').filter({ hasText: memo }).count()).toBe(1);
    },
    TIMEOUT,
  );
});
