// Finance screens in a real browser against the real server: the generic chart of accounts, a new
// account, a balanced entry posted through the form and reversed, the trial balance; axe on each page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 60_000;

describe('finance web app', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const account = { code: '1150', name: 'Petty cash' };
  const memo = 'Petty cash top-up from the bank';

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

  async function chooseAccount(dialog: ReturnType<Page['getByRole']>, line: number, code: string, name: string) {
    const input = dialog.getByRole('combobox', { name: `Account, line ${line}`, exact: true });
    await input.click();
    await input.fill(code);
    await page.getByRole('option', { name: `${code} — ${name}` }).click();
  }

  it(
    'shows the demo company’s Spanish chart of accounts (PGC)',
    async () => {
      await openFromNavbar(page, 'Chart of accounts');
      await page.getByRole('cell', { name: 'Customers', exact: true }).first().waitFor();
      // The chart is server-paged: page on until the bank account shows.
      const bank = page.getByRole('row').filter({ hasText: '572' }).filter({ hasText: 'Banks, current accounts, euros' }).first();
      for (let pages = 0; pages < 5 && !(await bank.isVisible()); pages++) {
        await page.getByRole('button', { name: 'Load more' }).click();
        await page.waitForTimeout(300);
      }
      await bank.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'creates an account',
    async () => {
      await page.getByRole('button', { name: 'New account' }).click();
      const dialog = page.getByRole('dialog', { name: 'New account' });
      await dialog.getByRole('textbox', { name: 'Code', exact: true }).fill(account.code);
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(account.name);
      await dialog.getByRole('textbox', { name: 'Name in Spanish', exact: true }).fill('Caja chica');
      await dialog.getByRole('combobox', { name: 'Type', exact: true }).click();
      await page.getByRole('option', { name: 'Asset', exact: true }).click();
      await dialog.getByRole('button', { name: 'New account' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: account.name }).filter({ hasText: account.code }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'keeps an unbalanced entry from being posted, then posts it balanced',
    async () => {
      await openFromNavbar(page, 'Journal entries');
      await page.getByText('The books are not locked.').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'New entry' }).click();
      const dialog = page.getByRole('dialog', { name: 'New journal entry' });
      await dialog.getByRole('textbox', { name: 'Memo', exact: true }).fill(memo);
      await chooseAccount(dialog, 1, account.code, account.name);
      await dialog.getByRole('textbox', { name: 'Debit, line 1', exact: true }).fill('250.75');
      await chooseAccount(dialog, 2, '572', 'Banks, current accounts, euros');
      await dialog.getByRole('textbox', { name: 'Credit, line 2', exact: true }).fill('200');

      const post = dialog.getByRole('button', { name: 'Post entry' });
      await dialog.getByRole('status').filter({ hasText: 'Difference: 50.75' }).waitFor();
      expect(await post.isDisabled()).toBe(true);

      await dialog.getByRole('textbox', { name: 'Credit, line 2', exact: true }).fill('250.75');
      await dialog.getByRole('status').filter({ hasText: 'Debits and credits balance' }).waitFor();
      expect(await post.isEnabled()).toBe(true);
      await post.click();
      await dialog.waitFor({ state: 'hidden' });

      // The new entry opens in the drawer; the list shows it behind.
      const drawer = page.getByRole('dialog', { name: /^Entry GEN / });
      await drawer.getByText(memo, { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      const row = page.getByRole('row').filter({ hasText: memo });
      await row.waitFor();
      expect(await row.textContent()).toContain('250.75');
      expect(await row.textContent()).toContain('Posted');
    },
    TIMEOUT,
  );

  it(
    'reverses the entry from its detail drawer',
    async () => {
      const row = page.getByRole('row').filter({ hasText: memo }).first();
      await row.getByRole('button', { name: /^Details of entry GEN/ }).click();
      const drawer = page.getByRole('dialog', { name: /^Entry GEN / });
      await drawer.getByRole('button', { name: 'Reverse', exact: true }).click();
      await page
        .getByRole('dialog', { name: /^Reverse entry GEN/ })
        .getByRole('button', { name: 'Reverse', exact: true })
        .click();
      // The drawer now shows the reversal, linked to the original.
      await drawer.getByRole('button', { name: 'Open the reversed entry' }).waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: memo }).filter({ hasText: 'Reversed' }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'shows a trial balance whose debits equal its credits, with the new account',
    async () => {
      await openFromNavbar(page, 'Trial balance');
      const accountRow = page.getByRole('row').filter({ hasText: account.name });
      await accountRow.waitFor();
      expect(await accountRow.textContent()).toContain('250.75');

      const totals = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Total' }) });
      const cells = await totals.getByRole('cell').allTextContents();
      expect(cells).toHaveLength(3);
      expect(cells[0]).toBe(cells[1]);
      expect(cells[2]).toBe('0.00');
      await page.getByText('Debits equal credits').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );
});
