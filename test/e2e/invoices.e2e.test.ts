// Sales invoices in a real browser against the real server (the Spanish demo company): a draft made from the
// page for a sample customer, its totals computed live as the lines are typed, a quantity the server refuses
// shown on that line's quantity, the draft saved and listed, then issued: numbered, read only, and posted to
// the ledger as one balanced entry. axe on the page, the form dialog and the invoice drawer.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 120_000;
const CUSTOMER = 'Hostelería del Sur, S.L.';
const CLINIC = 'Clínica Dental Arganzuela, S.L.P.';

describe('sales invoices web app', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let csrfToken: string;

  /** The text of a Mantine field's error (the element its aria-describedby points to with the `-error` id). */
  async function fieldError(input: Locator): Promise<string> {
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    return input.evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
  }

  async function chooseOption(scope: Locator, label: string, option: string | RegExp, typed?: string) {
    const input = scope.getByRole('combobox', { name: label, exact: true });
    await input.click();
    if (typed) await input.fill(typed);
    await page.getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option }).click();
  }

  const invoicesTable = () => page.getByRole('table', { name: 'Sales invoices, newest issue date first' });
  const invoiceRow = (customer = CUSTOMER) => invoicesTable().getByRole('row').filter({ hasText: customer });
  const escaped = (text: string) => text.replace(/[.,]/g, '\\$&');
  const textbox = (scope: Locator, name: string) => scope.getByRole('textbox', { name, exact: true });
  /** The values of the totals table: net, tax, withholding, total. */
  const totals = (scope: Locator) => scope.getByRole('table', { name: 'Totals' }).getByRole('cell').allTextContents();

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, app.url));
    await signIn(page);
    csrfToken = (await (await page.request.get('/api/v1/auth/me')).json()).csrfToken;
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  }, 60_000);

  it(
    'makes a draft with live totals, after the server refuses a quantity on its line',
    async () => {
      await openFromNavbar(page, 'Sales invoices');
      expect(new URL(page.url()).pathname).toBe('/sales/invoices');
      await page.getByText('No invoices yet.').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'New invoice' }).click();
      const dialog = page.getByRole('dialog', { name: 'New invoice' });
      await chooseOption(dialog, 'Customer', new RegExp(`^${escaped(CUSTOMER)}`), 'Hostelería');
      expect(await dialog.getByRole('combobox', { name: 'Customer', exact: true }).inputValue()).toContain(CUSTOMER);

      const line1 = dialog.getByRole('group', { name: 'Line 1' });
      await textbox(line1, 'Description').fill('Consulting');
      await textbox(line1, 'Quantity').fill('10');
      await textbox(line1, 'Unit price').fill('50.00');
      await chooseOption(line1, 'Taxes', /^IVA21 — /);
      await dialog.getByRole('heading', { name: 'New invoice' }).click(); // closes the taxes dropdown
      await expect.poll(() => totals(dialog), { timeout: 10_000 }).toEqual(['500.00', '105.00', '0.00', '605.00']);
      expect(await textbox(line1, 'Line net').inputValue()).toBe('500.00');
      await dialog.getByRole('table', { name: 'Taxes of the invoice' }).getByRole('cell', { name: 'IVA21' }).waitFor();

      await dialog.getByRole('button', { name: 'Add line' }).click();
      const line2 = dialog.getByRole('group', { name: 'Line 2' });
      await textbox(line2, 'Description').fill('Travel expenses');
      const quantity2 = textbox(line2, 'Quantity');
      await quantity2.fill('abc');
      await textbox(line2, 'Unit price').fill('12.50');

      const refused = page.waitForResponse(
        (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/v1/invoices',
      );
      await dialog.getByRole('button', { name: 'Save draft' }).click();
      const response = await refused;
      expect(response.status()).toBe(400);
      const problem = (await response.json()) as { errors: { path: string; message: string }[] };
      const quantityError = problem.errors.find((e) => e.path.replace(/^\/|^body[./]/, '').replaceAll('/', '.') === 'lines.1.quantity');
      expect(quantityError?.message).toBeTruthy();
      // The server's error is on the second line's quantity, and nowhere on the first line.
      expect(await fieldError(quantity2)).toContain(quantityError?.message);
      expect(await textbox(line1, 'Quantity').getAttribute('aria-invalid')).not.toBe('true');
      await dialog.getByRole('alert').first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await quantity2.fill('2');
      await chooseOption(line2, 'Taxes', /^IVA10 — /);
      await dialog.getByRole('heading', { name: 'New invoice' }).click();
      await expect.poll(() => totals(dialog), { timeout: 10_000 }).toEqual(['525.00', '107.50', '0.00', '632.50']);
      expect(await textbox(line2, 'Line net').inputValue()).toBe('25.00');
      expect(await seriousA11yViolations(page)).toEqual([]);

      const created = page.waitForResponse(
        (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/v1/invoices',
      );
      await dialog.getByRole('button', { name: 'Save draft' }).click();
      expect((await created).status()).toBe(201);
      // Sent with an idempotency key, as every creating request.
      expect((await created).request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      await dialog.waitFor({ state: 'hidden' });

      await invoiceRow().waitFor();
      const cells = await invoiceRow().getByRole('cell').allTextContents();
      expect(cells[0]).toBe('Draft');
      expect(cells[2]).toBe(CUSTOMER);
      expect(cells[4]).toBe('632.50 EUR');
      expect(cells[5]).toBe('Draft');
    },
    TIMEOUT,
  );

  it(
    'issues the draft: numbered, read only, posted to the ledger balanced',
    async () => {
      await invoiceRow()
        .getByRole('button', { name: `Open the draft for ${CUSTOMER}` })
        .click();
      const drawer = page.getByRole('dialog', { name: 'Draft invoice' });
      const lines = drawer.getByRole('table', { name: 'Lines' });
      await lines.getByRole('cell', { name: 'Consulting' }).waitFor();
      await lines.getByRole('cell', { name: 'Travel expenses' }).waitFor();
      expect(await totals(drawer)).toEqual(['525.00 EUR', '107.50 EUR', '0.00 EUR', '632.50 EUR']);
      expect(await drawer.getByRole('button', { name: 'Edit' }).count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);

      const invoiceId = new URL(page.url()).searchParams.get('invoice');
      expect(invoiceId).toMatch(/^[0-9a-f-]{36}$/);
      const before = await (await page.request.get(`/api/v1/invoices/${invoiceId}`)).json();
      expect(before).toMatchObject({ status: 'draft', number: null, net: '525.00', tax: '107.50', total: '632.50' });

      await drawer.getByRole('button', { name: 'Issue' }).click();
      const confirm = page.getByRole('dialog', { name: 'Issue this invoice?' });
      await confirm.getByRole('button', { name: 'Issue' }).click();

      const year = before.issueDate.slice(0, 4);
      const issuedDrawer = page.getByRole('dialog', { name: new RegExp(`^INV-${year}-\\d{5}$`) });
      await issuedDrawer.waitFor();
      const number = await issuedDrawer.getByRole('heading').first().textContent();
      expect(number).toBe(`INV-${year}-00001`);
      await issuedDrawer.getByText('Issued', { exact: true }).first().waitFor();
      expect(await issuedDrawer.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
      expect(await issuedDrawer.getByRole('button', { name: 'Delete' }).count()).toBe(0);
      expect(await issuedDrawer.getByRole('button', { name: 'Issue' }).count()).toBe(0);

      const issued = await (await page.request.get(`/api/v1/invoices/${invoiceId}`)).json();
      expect(issued).toMatchObject({ status: 'issued', numberLabel: number, total: '632.50' });
      expect(issued.entryId).toMatch(/^[0-9a-f-]{36}$/);
      await issuedDrawer.getByText(issued.entryId, { exact: true }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      const entryRes = await page.request.get(`/api/v1/ledger/entries/${issued.entryId}`);
      expect(entryRes.status(), await entryRes.text()).toBe(200);
      const entry = await entryRes.json();
      expect(entry).toMatchObject({ status: 'posted', totalDebit: '632.50', totalCredit: '632.50', date: issued.issueDate });

      await page.keyboard.press('Escape');
      await issuedDrawer.waitFor({ state: 'hidden' });
      const cells = await invoiceRow().getByRole('cell').allTextContents();
      expect(cells[0]).toBe(number);
      expect(cells[5]).toBe('Issued');

      // The filters: drafts leave it out, the number finds it.
      await chooseOption(page.getByRole('main'), 'Status', 'Drafts');
      await page.getByText('No invoices match the filters.').waitFor();
      await chooseOption(page.getByRole('main'), 'Status', 'Issued');
      await invoiceRow().waitFor();
      await page.getByRole('searchbox', { name: 'Search', exact: true }).fill(number ?? '');
      await invoiceRow().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'fills a line from a product, edits the draft sending only what changed, and deletes it',
    async () => {
      const codes = (await (await page.request.get('/api/v1/taxes/codes?scope=sales')).json()).items as { id: string; code: string }[];
      const iva21 = codes.find((c) => c.code === 'IVA21')?.id;
      const res = await page.request.post('/api/v1/products', {
        headers: { 'x-csrf-token': csrfToken, 'idempotency-key': crypto.randomUUID() },
        data: { sku: 'CONS-H', name: 'Consulting hour', unit: 'HUR', salesPrice: '60.00', salesTaxCodeIds: [iva21] },
      });
      expect(res.status(), await res.text()).toBe(201);
      const product = await res.json();

      // /sales leads to the invoices.
      await page.goto('/sales');
      await page.getByRole('heading', { level: 1, name: 'Sales invoices' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/sales/invoices');

      await page.getByRole('button', { name: 'New invoice' }).click();
      const dialog = page.getByRole('dialog', { name: 'New invoice' });
      await chooseOption(dialog, 'Customer', new RegExp(`^${escaped(CLINIC)}`), 'Arganzuela');
      const line = dialog.getByRole('group', { name: 'Line 1' });
      await chooseOption(line, 'Product', 'CONS-H — Consulting hour', 'Consulting');
      expect(await textbox(line, 'Description').inputValue()).toBe('Consulting hour');
      expect(await textbox(line, 'Unit price').inputValue()).toBe('60.00');
      await expect.poll(() => totals(dialog), { timeout: 10_000 }).toEqual(['60.00', '12.60', '0.00', '72.60']);
      const post = page.waitForRequest((req) => req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/invoices');
      await dialog.getByRole('button', { name: 'Save draft' }).click();
      expect((await post).postDataJSON().lines).toEqual([
        { productId: product.id, description: 'Consulting hour', quantity: '1', unitPrice: '60.00', taxCodeIds: [iva21] },
      ]);
      await dialog.waitFor({ state: 'hidden' });

      await invoiceRow(CLINIC)
        .getByRole('button', { name: `Open the draft for ${CLINIC}` })
        .click();
      const drawer = page.getByRole('dialog', { name: 'Draft invoice' });
      await drawer.getByRole('table', { name: 'Lines' }).getByRole('cell', { name: 'Consulting hour' }).waitFor();
      const invoiceId = new URL(page.url()).searchParams.get('invoice');
      const before = await (await page.request.get(`/api/v1/invoices/${invoiceId}`)).json();

      await drawer.getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('dialog', { name: `Edit the draft for ${CLINIC}` });
      const quantity = textbox(edit.getByRole('group', { name: 'Line 1' }), 'Quantity');
      expect(await quantity.inputValue()).toBe('1');
      await quantity.fill('3');
      await expect.poll(() => totals(edit), { timeout: 10_000 }).toEqual(['180.00', '37.80', '0.00', '217.80']);
      expect(await seriousA11yViolations(page)).toEqual([]);
      const patch = page.waitForRequest(
        (req) => req.method() === 'PATCH' && new URL(req.url()).pathname === `/api/v1/invoices/${invoiceId}`,
      );
      await edit.getByRole('button', { name: 'Save draft' }).click();
      const body = (await patch).postDataJSON();
      // The version read and the lines (the whole new list): nothing else changed.
      expect(Object.keys(body).sort()).toEqual(['lines', 'version']);
      expect(body.version).toBe(before.version);
      expect(body.lines).toHaveLength(1);
      expect(body.lines[0]).toMatchObject({ productId: product.id, quantity: '3', unitPrice: '60.00' });
      await edit.waitFor({ state: 'hidden' });
      const updated = page.getByRole('dialog', { name: 'Draft invoice' });
      expect(await totals(updated)).toEqual(['180.00 EUR', '37.80 EUR', '0.00 EUR', '217.80 EUR']);

      await updated.getByRole('button', { name: 'Delete' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete this draft?' });
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await updated.waitFor({ state: 'hidden' });
      await invoiceRow(CLINIC).waitFor({ state: 'detached' });
      expect((await page.request.get(`/api/v1/invoices/${invoiceId}`)).status()).toBe(404);

      // In Spanish.
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { level: 1, name: 'Facturas de venta' }).waitFor();
      await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Facturas de venta' }).waitFor();
      await page.getByLabel('Idioma').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Sales invoices' }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'credits an issued invoice: part of a line, then everything left, each a numbered credit note',
    async () => {
      const headers = () => ({ 'x-csrf-token': csrfToken, 'idempotency-key': crypto.randomUUID() });
      const parties = (await (await page.request.get('/api/v1/parties?q=Hosteler%C3%ADa')).json()).items as {
        id: string;
        legalName: string;
      }[];
      const partyId = parties.find((p) => p.legalName === CUSTOMER)?.id;
      expect(partyId).toBeTruthy();
      const codes = (await (await page.request.get('/api/v1/taxes/codes?scope=sales')).json()).items as { id: string; code: string }[];
      const iva21 = codes.find((c) => c.code === 'IVA21')?.id;
      expect(iva21).toBeTruthy();
      const draftRes = await page.request.post('/api/v1/invoices', {
        headers: headers(),
        data: { partyId, lines: [{ description: 'Boxes of glasses', quantity: '4', unitPrice: '25.00', taxCodeIds: [iva21] }] },
      });
      expect(draftRes.status(), await draftRes.text()).toBe(201);
      const draft = await draftRes.json();
      const issueRes = await page.request.post(`/api/v1/invoices/${draft.id}/issue`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { version: draft.version },
      });
      expect(issueRes.status(), await issueRes.text()).toBe(200);
      const invoice = await issueRes.json();
      expect(invoice).toMatchObject({ status: 'issued', kind: 'invoice', total: '121.00', creditStatus: 'none' });

      await page.goto(`/sales/invoices?invoice=${invoice.id}`);
      const drawer = page.getByRole('dialog', { name: invoice.numberLabel, exact: true });
      await drawer.getByRole('table', { name: 'Lines' }).getByRole('cell', { name: 'Boxes of glasses' }).waitFor();

      // Part of the line: 1 of 4.
      await drawer.getByRole('button', { name: 'Credit', exact: true }).click();
      const modal = page.getByRole('dialog', { name: `Credit invoice ${invoice.numberLabel}` });
      const quantity = modal.getByRole('textbox', { name: 'Quantity to credit on line 1', exact: true });
      expect(await quantity.inputValue()).toBe(invoice.lines[0].quantity);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await modal.getByRole('textbox', { name: 'Reason' }).fill('Returned one');
      await quantity.fill('1');
      const credit = page.waitForResponse(
        (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === `/api/v1/invoices/${invoice.id}/credit`,
      );
      await modal.getByRole('button', { name: 'Credit these quantities' }).click();
      const first = await credit;
      expect(first.status(), await first.text()).toBe(201);
      expect(first.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.request().postDataJSON()).toMatchObject({ reason: 'Returned one', lines: [{ lineNo: 1, quantity: '1' }] });
      const note1 = await first.json();
      expect(note1.numberLabel).toMatch(/^CN-\d{4}-00001$/);
      expect(note1.numberLabel.slice(3, 7)).toBe(note1.issueDate.slice(0, 4));
      expect(note1).toMatchObject({ kind: 'credit_note', creditedInvoiceId: invoice.id, reason: 'Returned one', total: '30.25' });
      await modal.waitFor({ state: 'hidden' });
      await drawer.getByText(`Credit note ${note1.numberLabel} issued`, { exact: true }).waitFor();
      await drawer.getByText('Partly credited', { exact: true }).waitFor();
      await drawer.getByText('30.25 EUR', { exact: true }).waitFor();

      // Escape closes the dialog only, not the invoice under it.
      await drawer.getByRole('button', { name: 'Credit', exact: true }).click();
      await modal.waitFor();
      await page.keyboard.press('Escape');
      await modal.waitFor({ state: 'hidden' });
      await drawer.getByText('Partly credited', { exact: true }).waitFor();

      // More than is left is refused on that line's row; then everything left.
      await drawer.getByRole('button', { name: 'Credit', exact: true }).click();
      await modal.waitFor();
      await modal.getByRole('textbox', { name: 'Reason' }).fill('Returned the rest');
      const refused = page.waitForResponse(
        (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === `/api/v1/invoices/${invoice.id}/credit`,
      );
      await modal.getByRole('button', { name: 'Credit these quantities' }).click();
      expect((await refused).status()).toBe(400);
      expect(await fieldError(modal.getByRole('textbox', { name: 'Quantity to credit on line 1', exact: true }))).toContain(
        'left to credit',
      );
      expect(await seriousA11yViolations(page)).toEqual([]);
      const rest = page.waitForResponse(
        (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === `/api/v1/invoices/${invoice.id}/credit`,
      );
      await modal.getByRole('button', { name: 'Credit everything left' }).click();
      const second = await rest;
      expect(second.status(), await second.text()).toBe(201);
      expect(second.request().postDataJSON().lines).toBeUndefined();
      const note2 = await second.json();
      expect(note2.numberLabel).toMatch(/^CN-\d{4}-00002$/);
      expect(note2.total).toBe('90.75');
      await modal.waitFor({ state: 'hidden' });
      await drawer.getByText(`Credit note ${note2.numberLabel} issued`, { exact: true }).waitFor();
      await drawer.getByText('Fully credited', { exact: true }).waitFor();
      expect(await drawer.getByRole('button', { name: 'Credit', exact: true }).count()).toBe(0);
      expect(await (await page.request.get(`/api/v1/invoices/${invoice.id}`)).json()).toMatchObject({
        creditedTotal: '121.00',
        creditStatus: 'full',
      });

      // The credit note: its reason, and the way back to the invoice it credits.
      await drawer.getByRole('button', { name: `Open credit note ${note2.numberLabel}` }).click();
      const noteDrawer = page.getByRole('dialog', { name: note2.numberLabel, exact: true });
      await noteDrawer.getByText('Returned the rest', { exact: true }).waitFor();
      await noteDrawer.getByText('Credit note', { exact: true }).first().waitFor();
      expect(await noteDrawer.getByRole('button', { name: 'Credit', exact: true }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await noteDrawer.getByRole('button', { name: `Open invoice ${invoice.numberLabel}` }).click();
      await page.getByRole('dialog', { name: invoice.numberLabel, exact: true }).getByText('Fully credited', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: invoice.numberLabel, exact: true }).waitFor({ state: 'hidden' });

      // In the list: the invoice badged, the credit notes under their own filter, negative.
      const row = (number: string) => invoicesTable().getByRole('row').filter({ hasText: number });
      await row(invoice.numberLabel).getByText('Fully credited', { exact: true }).waitFor();
      await chooseOption(page.getByRole('main'), 'Kind', 'Credit notes');
      await row(note1.numberLabel).waitFor();
      await row(note2.numberLabel).waitFor();
      await row(invoice.numberLabel).waitFor({ state: 'detached' });
      const cells = await row(note1.numberLabel).getByRole('cell').allTextContents();
      expect(cells[4]).toBe('\u221230.25 EUR');
      expect(cells[5]).toBe('IssuedCredit note');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await chooseOption(page.getByRole('main'), 'Kind', 'Invoices');
      await row(invoice.numberLabel).waitFor();
      expect(await invoicesTable().getByRole('row').filter({ hasText: /^CN-/ }).count()).toBe(0);
    },
    TIMEOUT,
  );
});
