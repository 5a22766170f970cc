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
      expect(await issuedDrawer.getByRole('button', { name: 'Edit' }).count()).toBe(0);
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
});
