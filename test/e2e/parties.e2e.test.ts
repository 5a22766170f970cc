// Customers and suppliers in a real browser against the real server: a customer created from the page
// after the server refuses its Spanish tax id (the error shows on the tax id field), found with the search
// box; two look-alike parties created through the API, found as duplicates and merged; a party archived
// and found under the archived filter; axe on the page, the form dialog and the party drawer.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openFromNavbar, seriousA11yViolations, signIn, startTestApp, type TestApp } from './helpers.ts';

const TIMEOUT = 90_000;
const CUSTOMER = 'Panadería Ejemplo S.L.';
const SUPPLIER = 'Distribuciones Norte GmbH';
const ACME = 'Acme Trading S.L.';
const ACME_DUPLICATE = 'ACME TRADING SL';

describe('customers and suppliers web app', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let csrfToken: string;

  /** Creates a party through the API, as an integration would. */
  async function createParty(data: Record<string, unknown>): Promise<{ id: string; legalName: string }> {
    const res = await page.request.post('/api/v1/parties', {
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

  const partiesTable = () => page.getByRole('table', { name: 'Customers and suppliers in legal-name order' });
  const partyButton = (name: string) => partiesTable().getByRole('button', { name, exact: true });
  const partyRow = (name: string) =>
    partiesTable()
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name, exact: true }) });

  async function chooseOption(scope: Locator, label: string, option: string, typed?: string) {
    const input = scope.getByRole('combobox', { name: label, exact: true });
    await input.click();
    if (typed) await input.fill(typed);
    await page.getByRole('option', { name: option, exact: true }).click();
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
    'creates a customer from the page after the server refuses a bad Spanish tax id, and finds it',
    async () => {
      await openFromNavbar(page, 'Customers and suppliers');
      // The demo company may come with sample parties: the test only relies on the ones it makes.
      await partiesTable().waitFor();
      await page.getByText('Loading…').waitFor({ state: 'detached' });
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'New party' }).click();
      const dialog = page.getByRole('dialog', { name: 'New party' });
      await dialog.getByRole('textbox', { name: 'Legal name', exact: true }).fill(CUSTOMER);
      await chooseOption(dialog, 'Tax country', 'Spain (ES)', 'Spain');
      const taxId = dialog.getByRole('textbox', { name: 'Tax ID', exact: true });
      await taxId.fill('B12345678');
      await dialog.getByRole('textbox', { name: 'Email', exact: true }).fill('pedidos@panaderia.test');
      await dialog.getByRole('button', { name: 'Add address' }).click();
      const address = dialog.getByRole('group', { name: 'Address 1' });
      await address.getByRole('textbox', { name: 'Address line 1', exact: true }).fill('Calle Mayor 1');
      await address.getByRole('textbox', { name: 'City', exact: true }).fill('Madrid');
      await address.getByRole('textbox', { name: 'Postal code', exact: true }).fill('28013');
      // The address country starts as the tax country.
      expect(await address.getByRole('combobox', { name: 'Country', exact: true }).inputValue()).toBe('Spain (ES)');
      await dialog.getByRole('button', { name: 'Add contact' }).click();
      await dialog.getByRole('group', { name: 'Contact 1' }).getByRole('textbox', { name: 'Name', exact: true }).fill('Lucía Pérez');

      await dialog.getByRole('button', { name: 'Save party' }).click();
      // The server's field error is shown on the tax id field, not only in the general alert.
      expect(await fieldError(taxId)).toContain('is not a valid Spanish NIF, NIE or CIF');
      await dialog.getByRole('alert').filter({ hasText: 'Some fields are not valid.' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await taxId.fill('B12345674');
      await dialog.getByRole('button', { name: 'Save party' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = partyRow(CUSTOMER);
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toEqual([
        CUSTOMER,
        '',
        'Customer',
        'ES B12345674',
        'pedidos@panaderia.test',
        'EUR',
      ]);

      // A supplier made through the API; the search box and the role filter tell the two apart.
      await createParty({ isSupplier: true, isCustomer: false, legalName: SUPPLIER, taxCountry: 'DE', taxId: 'DE136695976' });
      await page.reload();
      await partyButton(SUPPLIER).waitFor();
      await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('panaderia');
      await partyButton(SUPPLIER).waitFor({ state: 'detached' });
      await partyButton(CUSTOMER).waitFor();
      await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('');
      await partyButton(SUPPLIER).waitFor();
      await chooseOption(page.getByRole('main'), 'Role', 'Suppliers');
      await partyButton(CUSTOMER).waitFor({ state: 'detached' });
      expect(await partyRow(SUPPLIER).getByRole('cell').nth(3).textContent()).toBe('DE 136695976');
      await chooseOption(page.getByRole('main'), 'Role', 'All');
      await partyButton(CUSTOMER).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'finds a duplicate of a party and merges it',
    async () => {
      await createParty({ isCustomer: true, isSupplier: false, legalName: ACME, email: 'sales@acme.test' });
      await createParty({ isCustomer: false, isSupplier: true, legalName: ACME_DUPLICATE, phone: '+34 600 000 000' });
      await page.reload();
      await partyButton(ACME_DUPLICATE).waitFor();

      await partyButton(ACME).click();
      const drawer = page.getByRole('dialog', { name: ACME });
      await drawer.getByRole('button', { name: 'Find duplicates' }).click();
      const duplicate = drawer.getByRole('row').filter({ hasText: ACME_DUPLICATE });
      await duplicate.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await duplicate.getByRole('button', { name: `Merge ${ACME_DUPLICATE} into ${ACME}` }).click();
      const confirm = page.getByRole('dialog', { name: `Merge ${ACME_DUPLICATE}?` });
      await confirm.getByRole('button', { name: 'Merge into this party' }).click();
      await drawer.getByText('No duplicates found.').waitFor();
      // Roles combined and empty fields filled from the duplicate.
      await drawer.getByText('Supplier', { exact: true }).waitFor();
      await drawer.getByText('+34 600 000 000').waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      await partyButton(ACME_DUPLICATE).waitFor({ state: 'detached' });
      await partyButton(ACME).waitFor();
    },
    TIMEOUT,
  );

  it(
    'edits a party: payment terms, a default account and the bank details',
    async () => {
      await partyButton(ACME).click();
      const drawer = page.getByRole('dialog', { name: ACME });
      await drawer.getByRole('button', { name: 'Edit' }).click();
      const dialog = page.getByRole('dialog', { name: `Edit ${ACME}` });
      await chooseOption(dialog, 'Payment terms', '30 days');
      const receivable = dialog.getByRole('combobox', { name: 'Receivable account', exact: true });
      await receivable.click();
      await receivable.fill('430');
      await page
        .getByRole('option', { name: /^430 — / })
        .first()
        .click();
      const iban = dialog.getByRole('textbox', { name: 'IBAN', exact: true });
      await iban.fill('ES91 2100 0418 4502 0005 1333');
      await dialog.getByRole('button', { name: 'Save party' }).click();
      expect(await fieldError(iban)).toContain('is not a valid IBAN');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await iban.fill('ES91 2100 0418 4502 0005 1332');
      await dialog.getByRole('button', { name: 'Save party' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // Back to the party, now with what was saved.
      const updated = page.getByRole('dialog', { name: ACME });
      await updated.getByText('ES9121000418450200051332').waitFor();
      await updated.getByText('30 days', { exact: true }).waitFor();
      await updated.getByText(/^430 — /).waitFor();
      await page.keyboard.press('Escape');
      await updated.waitFor({ state: 'hidden' });
    },
    TIMEOUT,
  );

  it(
    'adds payment terms after the server refuses installments that do not add up to 100 %',
    async () => {
      await page.getByRole('button', { name: 'Payment terms' }).click();
      const dialog = page.getByRole('dialog', { name: 'Payment terms' });
      await dialog.getByRole('cell', { name: '50% on the invoice date, 50% at 60 days' }).waitFor();
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('30/60');
      await dialog.getByRole('textbox', { name: 'Percentage 1', exact: true }).fill('50');
      await dialog.getByRole('button', { name: 'Add installment' }).click();
      await dialog.getByRole('textbox', { name: 'Percentage 2', exact: true }).fill('40');
      await dialog.getByRole('textbox', { name: 'Days 2', exact: true }).fill('60');
      await dialog.getByRole('button', { name: 'Save payment terms' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'the percentages must add up to exactly 100' }).first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await dialog.getByRole('textbox', { name: 'Percentage 2', exact: true }).fill('50');
      await dialog.getByRole('button', { name: 'Save payment terms' }).click();
      await dialog.getByRole('cell', { name: '50% at 30 days, 50% at 60 days' }).waitFor();
      await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
      await dialog.waitFor({ state: 'hidden' });
    },
    TIMEOUT,
  );

  it(
    'archives a party and shows it under the archived filter',
    async () => {
      await partyButton(CUSTOMER).click();
      const drawer = page.getByRole('dialog', { name: CUSTOMER });
      await drawer.getByText('Lucía Pérez').waitFor();
      await drawer.getByText('ESB12345674').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await drawer.getByRole('button', { name: 'Archive' }).click();
      const confirm = page.getByRole('dialog', { name: `Archive ${CUSTOMER}?` });
      await confirm.getByRole('button', { name: 'Archive' }).click();
      await drawer.getByRole('button', { name: 'Restore' }).waitFor();
      // The open party is in the address: a reload (or a link) opens it again.
      expect(new URL(page.url()).searchParams.get('party')).toMatch(/^[0-9a-f-]{36}$/);
      await page.reload();
      await drawer.getByRole('button', { name: 'Restore' }).waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await partyButton(CUSTOMER).waitFor({ state: 'detached' });

      await chooseOption(page.getByRole('main'), 'Status', 'Archived');
      await partyButton(CUSTOMER).waitFor();
      // The merged duplicate was archived too.
      await partyButton(ACME_DUPLICATE).waitFor();
      await partyButton(ACME).waitFor({ state: 'detached' });
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );
});
