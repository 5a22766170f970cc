// Products and services in a real browser against the real server: a product created from the page after the
// server refuses its barcode (the error shows on the barcode field), with a Spanish name, a unit, a price, a
// default sales tax and an income account; found by typing its barcode in the search box; its price edited; a
// second product with the same SKU refused on the SKU field; the product archived and found under the archived
// filter; axe on the page, the form dialog and the product drawer.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 90_000;
const COFFEE = 'Ground coffee 250 g';
const COFFEE_ES = 'Café molido 250 g';
const TEA = 'Green tea 100 g';
const BAD_BARCODE = '8412345678901';
const BARCODE = '8412345678905';

describe('products and services web app', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let csrfToken: string;

  /** Creates a product through the API, as an integration would. */
  async function createProduct(data: Record<string, unknown>): Promise<{ id: string }> {
    const res = await page.request.post('/api/v1/products', {
      headers: { 'x-csrf-token': csrfToken, 'idempotency-key': crypto.randomUUID() },
      data,
    });
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  }

  /** The text of a Mantine field's error (the element its aria-describedby points to with the `-error` id). */
  async function fieldError(input: Locator): Promise<string> {
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    return input.evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
  }

  const productsTable = () => page.getByRole('table', { name: 'Products and services in name order' });
  const productButton = (name: string) => productsTable().getByRole('button', { name, exact: true });
  const productRow = (name: string) =>
    productsTable()
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name, exact: true }) });
  const searchBox = () => page.getByRole('searchbox', { name: 'Search', exact: true });

  async function chooseOption(scope: Locator, label: string, option: string | RegExp, typed?: string) {
    const input = scope.getByRole('combobox', { name: label, exact: true });
    await input.click();
    if (typed) await input.fill(typed);
    await page.getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option }).click();
  }

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
    'creates a product from the page after the server refuses its barcode, and finds it by the barcode',
    async () => {
      // Another product, made through the API, that the search must leave out.
      await createProduct({ sku: 'TEA-100', kind: 'stockable', name: TEA, unit: 'H87', salesPrice: '3.20' });
      await openFromNavbar(page, 'Products and services');
      await productButton(TEA).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'New product' }).click();
      const dialog = page.getByRole('dialog', { name: 'New product' });
      await dialog.getByRole('textbox', { name: 'SKU', exact: true }).fill('CAF-250');
      await chooseOption(dialog, 'Kind', 'Stockable');
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(COFFEE);
      await dialog.getByRole('textbox', { name: 'Spanish name', exact: true }).fill(COFFEE_ES);
      await chooseOption(dialog, 'Unit', 'piece (H87)', 'piece');
      const barcode = dialog.getByRole('textbox', { name: 'Barcode', exact: true });
      await barcode.fill(BAD_BARCODE);
      await dialog.getByRole('textbox', { name: 'Sales price', exact: true }).fill('4.50');
      await chooseOption(dialog, 'Default sales taxes', /^IVA10 — /);
      await dialog.getByRole('heading', { name: 'New product' }).click(); // closes the taxes dropdown
      await chooseOption(dialog, 'Income account', /^700 — /, '700');

      await dialog.getByRole('button', { name: 'Save product' }).click();
      // The server's field error is shown on the barcode field, not only in the general alert.
      expect(await fieldError(barcode)).toContain('is not a valid EAN-8, UPC-A, EAN-13 or GTIN-14');
      await dialog.getByRole('alert').filter({ hasText: 'Some fields are not valid.' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await barcode.fill(BARCODE);
      await dialog.getByRole('button', { name: 'Save product' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = productRow(COFFEE);
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toEqual([
        'CAF-250',
        COFFEE,
        'Stockable',
        'piece',
        '4.50 EUR',
        '',
        'IVA10',
        BARCODE,
      ]);

      // A scanner types the barcode and presses Enter.
      await searchBox().fill(BARCODE);
      await searchBox().press('Enter');
      await productButton(TEA).waitFor({ state: 'detached' });
      await productButton(COFFEE).waitFor();
      await searchBox().fill('');
      await productButton(TEA).waitFor();
      // The kind filter.
      await chooseOption(page.getByRole('main'), 'Kind', 'Services');
      await productButton(COFFEE).waitFor({ state: 'detached' });
      await chooseOption(page.getByRole('main'), 'Kind', 'All');
      await productButton(COFFEE).waitFor();
    },
    TIMEOUT,
  );

  it(
    'shows every field in the drawer and edits the price',
    async () => {
      await productButton(COFFEE).click();
      const drawer = page.getByRole('dialog', { name: COFFEE });
      await drawer.getByText(COFFEE_ES).waitFor();
      await drawer.getByText('piece (H87)').waitFor();
      await drawer.getByText(/^IVA10 — /).waitFor();
      await drawer.getByText(/^700 — /).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await drawer.getByRole('button', { name: 'Edit' }).click();
      const dialog = page.getByRole('dialog', { name: `Edit ${COFFEE}` });
      const price = dialog.getByRole('textbox', { name: 'Sales price', exact: true });
      expect(await price.inputValue()).toBe('4.50');
      await price.fill('4.75');
      const patch = page.waitForRequest((req) => req.method() === 'PATCH' && new URL(req.url()).pathname.startsWith('/api/v1/products/'));
      await dialog.getByRole('button', { name: 'Save product' }).click();
      // Only the version and what changed are sent.
      expect((await patch).postDataJSON()).toEqual({ version: 1, salesPrice: '4.75' });
      await dialog.waitFor({ state: 'hidden' });
      // Back to the product, now with the new price.
      const updated = page.getByRole('dialog', { name: COFFEE });
      await updated.getByText('4.75 EUR').waitFor();
      await page.keyboard.press('Escape');
      await updated.waitFor({ state: 'hidden' });
      await productRow(COFFEE).getByRole('cell', { name: '4.75 EUR' }).waitFor();
    },
    TIMEOUT,
  );

  it(
    'refuses a second product with the same SKU on the SKU field',
    async () => {
      await page.getByRole('button', { name: 'New product' }).click();
      const dialog = page.getByRole('dialog', { name: 'New product' });
      const sku = dialog.getByRole('textbox', { name: 'SKU', exact: true });
      await sku.fill('CAF-250');
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Ground coffee 1 kg');
      await dialog.getByRole('button', { name: 'Save product' }).click();
      expect(await fieldError(sku)).toContain('is already used by another product');
      await dialog.getByRole('alert').filter({ hasText: 'This already exists.' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await productButton('Ground coffee 1 kg').waitFor({ state: 'detached' });
    },
    TIMEOUT,
  );

  it(
    'archives a product and shows it under the archived filter',
    async () => {
      await productButton(COFFEE).click();
      const drawer = page.getByRole('dialog', { name: COFFEE });
      await drawer.getByRole('button', { name: 'Archive' }).click();
      const confirm = page.getByRole('dialog', { name: `Archive ${COFFEE}?` });
      await confirm.getByRole('button', { name: 'Archive' }).click();
      await drawer.getByRole('button', { name: 'Restore' }).waitFor();
      // The open product is in the address: a reload (or a link) opens it again.
      expect(new URL(page.url()).searchParams.get('product')).toMatch(/^[0-9a-f-]{36}$/);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await productButton(COFFEE).waitFor({ state: 'detached' });

      await chooseOption(page.getByRole('main'), 'Status', 'Archived');
      await productButton(COFFEE).waitFor();
      await productButton(TEA).waitFor({ state: 'detached' });
      expect(await productRow(COFFEE).getByText('Archived', { exact: true }).count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // In Spanish the catalogue shows the Spanish name.
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { level: 1, name: 'Productos y servicios' }).waitFor();
      await page
        .getByRole('table', { name: 'Productos y servicios por orden de nombre' })
        .getByRole('button', { name: COFFEE_ES })
        .waitFor();
      await page.getByLabel('Idioma').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Products and services' }).waitFor();
    },
    TIMEOUT,
  );
});
