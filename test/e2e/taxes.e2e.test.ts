// Taxes in a real browser against the real server: the Spanish demo company's standard codes listed; a
// code the server refuses (an exempt category with a rate: the error shows on the rate field), then a valid
// one created, renamed, archived and found under the archived filter; the standard codes already all there;
// the tax calculator computing VAT and an IRPF withholding; the rounding switched to per line and back;
// axe on the page and on the form dialog.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 90_000;

describe('taxes web app', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** The text of a Mantine field's error (the element its aria-describedby points to with the `-error` id). */
  async function fieldError(input: Locator): Promise<string> {
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    return input.evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
  }

  const codesTable = () => page.getByRole('table', { name: 'Tax codes: VAT first, then surcharges and withholdings' });
  const codeRow = (code: string) =>
    codesTable()
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: code, exact: true }) });

  async function chooseOption(scope: Locator, label: string, option: string) {
    await scope.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** A two-column table (header cell, value cell) as label → value. */
  function tableValues(table: Locator): Promise<Record<string, string>> {
    return table.evaluate((el) =>
      Object.fromEntries(
        [...el.querySelectorAll('tbody tr')].map((row) => [
          row.querySelector('th')?.textContent ?? '',
          row.querySelector('td')?.textContent ?? '',
        ]),
      ),
    );
  }

  /** axe finds nothing serious; retried for a few seconds so a notification still fading in is not read half-transparent. */
  async function expectAccessible(): Promise<void> {
    await expect.poll(() => seriousA11yViolations(page), { timeout: 8_000 }).toEqual([]);
  }

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

  it(
    'lists the Spanish standard codes and finds they are all there',
    async () => {
      await openFromNavbar(page, 'Taxes');
      await codeRow('IVA21').waitFor();
      expect(await codeRow('IVA21').getByRole('cell').allTextContents()).toEqual([
        'IVA21',
        'VAT 21%',
        'VAT',
        'S — Standard rate',
        '21%',
        'Sales and purchases',
        '',
        'Sales 477 · Purch. 472',
        'EditArchive',
      ]);
      await codeRow('IRPF15').getByRole('cell', { name: 'Withholding', exact: true }).waitFor();
      await codeRow('ISP21').getByText('Reverse charge', { exact: true }).last().waitFor();
      await expectAccessible();

      await page.getByRole('button', { name: 'Add standard codes' }).click();
      await page.getByText('All the standard codes are already there: nothing was added.').waitFor();
    },
    TIMEOUT,
  );

  it(
    'creates a code after the server refuses a bad definition, renames it, archives it and finds it archived',
    async () => {
      await page.getByRole('button', { name: 'New tax code' }).click();
      const dialog = page.getByRole('dialog', { name: 'New tax code' });
      await dialog.getByRole('textbox', { name: 'Code', exact: true }).fill('EX5');
      await chooseOption(dialog, 'VAT category', 'E — Exempt');
      const rate = dialog.getByRole('textbox', { name: 'Rate', exact: true });
      await rate.fill('5');
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Exempt 5%');
      await dialog.getByRole('button', { name: 'Save tax code' }).click();
      // The server's field error shows on the rate field, not only in the general alert.
      expect(await fieldError(rate)).toContain('must be 0 for category E');
      await dialog.getByRole('alert').filter({ hasText: 'Some fields are not valid.' }).waitFor();
      await expectAccessible();

      await dialog.getByRole('textbox', { name: 'Code', exact: true }).fill('IVA5');
      await chooseOption(dialog, 'VAT category', 'S — Standard rate');
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('VAT 5%');
      await dialog.getByRole('button', { name: 'Save tax code' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await codeRow('IVA5').waitFor();
      expect(await codeRow('IVA5').getByRole('cell').allTextContents()).toEqual([
        'IVA5',
        'VAT 5%',
        'VAT',
        'S — Standard rate',
        '5%',
        'Sales and purchases',
        '',
        '',
        'EditArchive',
      ]);

      await codeRow('IVA5').getByRole('button', { name: 'Edit IVA5' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit IVA5' });
      // The rate and the type never change: shown, not editable.
      expect(await edit.getByRole('textbox', { name: 'Rate', exact: true }).getAttribute('readonly')).not.toBeNull();
      await edit.getByText('To change a rate, archive this code and add a new one.', { exact: false }).waitFor();
      await edit.getByRole('textbox', { name: 'Name in Spanish', exact: true }).fill('IVA 5%');
      await edit.getByRole('textbox', { name: 'Name', exact: true }).fill('VAT 5% (reduced)');
      await expectAccessible();
      await edit.getByRole('button', { name: 'Save tax code' }).click();
      await edit.waitFor({ state: 'hidden' });
      await codeRow('IVA5').getByRole('cell', { name: 'VAT 5% (reduced)', exact: true }).waitFor();

      await codeRow('IVA5').getByRole('button', { name: 'Archive IVA5' }).click();
      const confirm = page.getByRole('dialog', { name: 'Archive IVA5?' });
      await confirm.getByRole('button', { name: 'Archive' }).click();
      await codeRow('IVA5').waitFor({ state: 'detached' });
      await chooseOption(page.getByRole('main'), 'Status', 'Archived');
      await codeRow('IVA5').getByText('Archived', { exact: true }).waitFor();
      await codeRow('IVA21').waitFor({ state: 'detached' });
      await codeRow('IVA5').getByRole('button', { name: 'Restore IVA5' }).waitFor();
      await expectAccessible();
      await chooseOption(page.getByRole('main'), 'Status', 'Active');
      await codeRow('IVA21').waitFor();
    },
    TIMEOUT,
  );

  it(
    'computes VAT and an IRPF withholding in the calculator',
    async () => {
      const calculator = page.getByRole('region', { name: 'Tax calculator' });
      const line = calculator.getByRole('group', { name: 'Line 1' });
      expect(await line.getByRole('textbox', { name: 'Quantity', exact: true }).inputValue()).toBe('1');
      await line.getByRole('textbox', { name: 'Unit price', exact: true }).fill('1000');
      const taxes = line.getByRole('combobox', { name: 'Taxes', exact: true });
      await taxes.click();
      await page.getByRole('option', { name: 'IVA21 — VAT 21%', exact: true }).click();
      await taxes.fill('IRPF15');
      await page.getByRole('option', { name: 'IRPF15 — Withholding 15% (professionals)', exact: true }).click();
      await page.keyboard.press('Escape');

      const totals = calculator.getByRole('table', { name: 'Totals' });
      await expect
        .poll(() => tableValues(totals), { timeout: 10_000 })
        .toEqual({ Net: '1,000.00', Tax: '210.00', Withholding: '150.00', Total: '1,060.00' });
      expect(await line.getByRole('textbox', { name: 'Line net', exact: true }).inputValue()).toBe('1,000.00');
      const breakdown = calculator.getByRole('table', { name: 'Taxes of the document' });
      expect(await breakdown.getByRole('row').filter({ hasText: 'IVA21' }).getByRole('cell').allTextContents()).toEqual([
        'IVA21',
        '1,000.00',
        '21%',
        '210.00',
      ]);
      expect(await breakdown.getByRole('row').filter({ hasText: 'IRPF15' }).getByRole('cell').allTextContents()).toEqual([
        'IRPF15Withholding',
        '1,000.00',
        '15%',
        '−150.00',
      ]);
      await expectAccessible();

      // Server field errors show on the right line: a code of the other side on its taxes, a bad quantity.
      await calculator.getByRole('button', { name: 'Add line' }).click();
      const line2 = calculator.getByRole('group', { name: 'Line 2' });
      await line2.getByRole('textbox', { name: 'Unit price', exact: true }).fill('50');
      const taxes2 = line2.getByRole('combobox', { name: 'Taxes', exact: true });
      await taxes2.click();
      await taxes2.fill('ISP21');
      await page.getByRole('option', { name: /^ISP21 — / }).click();
      await page.keyboard.press('Escape');
      await line2.getByText('tax code ISP21 is for purchases only').waitFor();
      expect(await line.getByText('tax code ISP21 is for purchases only').count()).toBe(0);
      await calculator.getByRole('combobox', { name: 'Side', exact: true }).click();
      await page.getByRole('option', { name: 'Purchases', exact: true }).click();
      await line2.getByText('tax code ISP21 is for purchases only').waitFor({ state: 'detached' });
      // A new line starts with the taxes of the one before. On purchases the reverse charge is computed but
      // not charged: 1,050 + 220.50 VAT − 157.50 withheld (10.50 self-assessed).
      await expect
        .poll(() => tableValues(totals), { timeout: 10_000 })
        .toEqual({
          Net: '1,050.00',
          Tax: '220.50',
          Withholding: '157.50',
          'Reverse charge (not charged)': '10.50',
          Total: '1,113.00',
        });
      const quantity2 = line2.getByRole('textbox', { name: 'Quantity', exact: true });
      await quantity2.fill('x');
      expect(await fieldError(quantity2)).toContain('must be a number');
      expect(await line.getByRole('textbox', { name: 'Quantity', exact: true }).getAttribute('aria-invalid')).not.toBe('true');
      await calculator.getByRole('button', { name: 'Remove line 2' }).click();
      await calculator.getByRole('combobox', { name: 'Side', exact: true }).click();
      await page.getByRole('option', { name: 'Sales', exact: true }).click();
      await expect
        .poll(() => tableValues(totals), { timeout: 10_000 })
        .toEqual({ Net: '1,000.00', Tax: '210.00', Withholding: '150.00', Total: '1,060.00' });
    },
    TIMEOUT,
  );

  it(
    'switches the rounding to per line and back',
    async () => {
      const perLine = page.getByRole('radio', { name: 'Per line' });
      const perDocument = page.getByRole('radio', { name: 'Per document' });
      expect(await perDocument.isChecked()).toBe(true);
      await perLine.check();
      await page.getByText('Rounding saved: Per line').waitFor();
      await expect.poll(() => perLine.isChecked()).toBe(true);
      expect((await (await page.request.get('/api/v1/taxes/settings')).json()).rounding).toBe('line');
      await page.reload();
      await expect.poll(() => page.getByRole('radio', { name: 'Per line' }).isChecked()).toBe(true);

      await page.getByRole('radio', { name: 'Per document' }).check();
      await page.getByText('Rounding saved: Per document').waitFor();
      expect(await page.request.get('/api/v1/taxes/settings').then((r) => r.json())).toEqual({ rounding: 'document', version: 2 });
      await expectAccessible();
    },
    TIMEOUT,
  );
});
