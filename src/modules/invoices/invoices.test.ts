import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/actor.ts';
import { createCompany } from '../../platform/companies/companies.ts';
import type { Database } from '../../platform/db/database.ts';
import { describeEachEngine } from '../../platform/testing/engines.ts';
import { addUser, count, type Session, signIn, testApp } from '../../platform/testing/http.ts';
import { registerModules } from '../index.ts';

describeEachEngine('sales invoices API', (use, engine) => {
  let app: FastifyInstance;
  let db: Database;
  let s: Session;
  let companyId: string;
  let customer: { id: string; version: number };
  let tax: (code: string) => string;
  let account: (code: string) => string;

  beforeAll(async () => {
    registerModules();
    db = use();
    app = await testApp(db);
    const company = await createCompany(
      db,
      SYSTEM_ACTOR,
      {
        slug: `inv-${crypto.randomUUID().slice(0, 8)}`,
        name: 'Invoicing Co',
        baseCurrency: 'EUR',
        country: 'ES',
        fiscalYearStartMonth: 1,
        locale: 'en',
        chart: 'es-pgc',
      },
      null,
    );
    companyId = company.id;
    s = await signIn(app, (await addUser(db, companyId, ['admin'])).email);
    const accounts = (await get('/api/v1/ledger/accounts?limit=200')).json().items as { id: string; code: string }[];
    account = (code) => accounts.find((a) => a.code === code)?.id as string;
    const codes = (await get('/api/v1/taxes/codes')).json().items as { id: string; code: string }[];
    tax = (code) => codes.find((c) => c.code === code)?.id as string;
    const terms = (await get('/api/v1/parties/payment-terms')).json().items as { id: string; name: string }[];
    customer = (
      await send('POST', '/api/v1/parties', {
        isCustomer: true,
        legalName: 'Despacho Ruiz, S.L.P.',
        taxCountry: 'ES',
        taxId: 'B12345674',
        receivableAccountId: account('430'),
        incomeAccountId: account('705'),
        paymentTermsId: terms.find((t) => t.name === '30 days')?.id,
      })
    ).json();
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const draft = (lines: unknown[], more: Record<string, unknown> = {}) =>
    send('POST', '/api/v1/invoices', { partyId: customer.id, issueDate: '2026-03-10', lines, ...more });

  it('saves a draft with lines completed from products, taxes computed and the due date from the payment terms', async () => {
    const product = (
      await send('POST', '/api/v1/products', {
        sku: 'HOUR',
        name: 'Consulting hour',
        unit: 'HUR',
        salesPrice: '60',
        salesTaxCodeIds: [tax('IVA21')],
      })
    ).json();
    const res = await draft([
      { productId: product.id, quantity: '10' },
      { description: 'Travel', quantity: '1', unitPrice: '45.5', taxCodeIds: [tax('IVA21')] },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const invoice = res.json();
    expect(invoice).toMatchObject({
      status: 'draft',
      number: null,
      numberLabel: null,
      series: 'INV',
      partyName: 'Despacho Ruiz, S.L.P.',
      issueDate: '2026-03-10',
      dueDate: '2026-04-09',
      currency: 'EUR',
      net: '645.50',
      tax: '135.56',
      total: '781.06',
    });
    expect(invoice.lines.map((l: { description: string; unitPrice: string; net: string }) => [l.description, l.unitPrice, l.net])).toEqual([
      ['Consulting hour', '60.00', '600.00'],
      ['Travel', '45.50', '45.50'],
    ]);
    expect((await get(`/api/v1/invoices/${invoice.id}`)).json()).toEqual(invoice);
    const found = (await get('/api/v1/invoices?q=ruiz&status=draft')).json().items.map((i: { id: string }) => i.id);
    expect(found).toContain(invoice.id);
  });

  it('refuses bad drafts with a field error per problem, writing nothing', async () => {
    const before = await count(db, 'invoices', 'company_id = $1', [companyId]);
    const refusal = async (payload: Promise<{ statusCode: number; json: () => { errors: { path: string }[] } }>) => {
      const res = await payload;
      expect(res.statusCode).toBe(400);
      return res.json().errors.map((e) => e.path);
    };
    const supplier = (await send('POST', '/api/v1/parties', { isSupplier: true, legalName: 'Only a supplier' })).json();
    expect(await refusal(draft([{ description: 'x', quantity: '1', unitPrice: '1' }], { partyId: supplier.id }))).toEqual(['partyId']);
    expect(await refusal(draft([]))).toEqual(['lines']);
    expect(await refusal(draft([{ description: 'x', quantity: 'abc', unitPrice: '1' }]))).toEqual(['lines.0.quantity']);
    expect(await refusal(draft([{ quantity: '1', unitPrice: '1' }]))).toEqual(['lines.0.description']);
    expect(await refusal(draft([{ description: 'x', quantity: '1', unitPrice: '1', taxCodeIds: [tax('ISP21')] }]))).toEqual([
      'lines.0.taxCodeIds.0',
    ]);
    expect(await count(db, 'invoices', 'company_id = $1', [companyId])).toBe(before);
  });

  it('changes and deletes a draft at its version', async () => {
    const created = (await draft([{ description: 'Draft line', quantity: '1', unitPrice: '10' }])).json();
    const changed = await send('PATCH', `/api/v1/invoices/${created.id}`, {
      version: 1,
      lines: [{ description: 'Two', quantity: '2', unitPrice: '10' }],
    });
    expect(changed.json()).toMatchObject({ net: '20.00', total: '20.00', version: 2 });
    expect((await send('PATCH', `/api/v1/invoices/${created.id}`, { version: 1, notes: 'late' })).statusCode).toBe(409);
    expect((await send('DELETE', `/api/v1/invoices/${created.id}?version=1`)).statusCode).toBe(409);
    expect((await send('DELETE', `/api/v1/invoices/${created.id}?version=2`)).statusCode).toBe(204);
    expect((await get(`/api/v1/invoices/${created.id}`)).statusCode).toBe(404);
  });

  it('issues a draft: a gapless number, one balanced entry in the sales journal, and no change after', async () => {
    const created = (
      await draft([
        { description: 'Advice', quantity: '1', unitPrice: '1000', taxCodeIds: [tax('IVA21'), tax('IRPF15')] },
        { description: 'Books', quantity: '2', unitPrice: '25', taxCodeIds: [tax('IVA4')], incomeAccountId: account('700') },
      ])
    ).json();
    expect(created).toMatchObject({ net: '1050.00', tax: '212.00', withholding: '150.00', total: '1112.00' });
    const res = await send('POST', `/api/v1/invoices/${created.id}/issue`, { version: created.version });
    expect(res.statusCode).toBe(200);
    const issued = res.json();
    expect(issued).toMatchObject({
      status: 'issued',
      number: 1,
      numberLabel: 'INV-2026-00001',
      partyTaxId: 'ESB12345674',
      total: '1112.00',
    });
    const entry = (await get(`/api/v1/ledger/entries/${issued.entryId}`)).json();
    expect(entry).toMatchObject({
      status: 'posted',
      journalCode: 'SAL',
      date: '2026-03-10',
      reference: 'INV-2026-00001',
      totalDebit: '1262.00',
    });
    expect(entry.lines.map((l: { accountCode: string; debit: string; credit: string }) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['430', '1112.00', '0.00'],
      ['705', '0.00', '1000.00'],
      ['700', '0.00', '50.00'],
      ['477', '0.00', '210.00'],
      ['473', '150.00', '0.00'],
      ['477', '0.00', '2.00'],
    ]);
    expect((await send('PATCH', `/api/v1/invoices/${issued.id}`, { version: issued.version, notes: 'x' })).statusCode).toBe(409);
    expect((await send('POST', `/api/v1/invoices/${issued.id}/issue`, { version: issued.version })).statusCode).toBe(409);
    await expect(
      db.query(`UPDATE invoices SET notes = 'forged' WHERE company_id = $1 AND id = $2`, [companyId, issued.id]),
    ).rejects.toThrow(/issued/);
    await expect(db.query('DELETE FROM invoice_lines WHERE company_id = $1 AND invoice_id = $2', [companyId, issued.id])).rejects.toThrow(
      /issued/,
    );
  });

  it('numbers concurrent issues 2..13 with no gap and no duplicate', async () => {
    const drafts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => draft([{ description: `Item ${i}`, quantity: '1', unitPrice: '5' }])),
    );
    const issued = await Promise.all(drafts.map((d) => send('POST', `/api/v1/invoices/${d.json().id}/issue`, { version: 1 })));
    expect(issued.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    expect(issued.map((r) => r.json().number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
  }, 60_000);

  it('issues in a foreign currency at the day rate, balanced in the base currency', async () => {
    const rate = await send('PUT', '/api/v1/ledger/fx/rates', { currency: 'USD', date: '2026-03-01', rate: '0.9137' });
    expect(rate.statusCode, rate.body).toBeLessThan(300);
    const created = (
      await draft(
        [
          { description: 'A', quantity: '1', unitPrice: '333.33', taxCodeIds: [tax('IVA21')] },
          { description: 'B', quantity: '3', unitPrice: '10.01', taxCodeIds: [tax('IVA21')] },
        ],
        { currency: 'USD' },
      )
    ).json();
    const res = await send('POST', `/api/v1/invoices/${created.id}/issue`, { version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json();
    expect(issued).toMatchObject({ currency: 'USD', rate: '0.9137', net: '363.36', tax: '76.31', total: '439.67' });
    const entry = (await get(`/api/v1/ledger/entries/${issued.entryId}`)).json();
    expect(entry.totalDebit).toBe(entry.totalCredit);
    expect(entry.lines[0]).toMatchObject({ accountCode: '430', currency: 'USD', amountCurrency: '439.67' });
  });

  it("moves a merged duplicate's drafts to the customer that stays, and leaves issued invoices alone", async () => {
    const duplicate = (
      await send('POST', '/api/v1/parties', {
        isCustomer: true,
        legalName: 'DESPACHO RUIZ SLP',
        receivableAccountId: account('430'),
        incomeAccountId: account('705'),
      })
    ).json();
    const line = { description: 'Advice', quantity: '1', unitPrice: '100' };
    const issued = (await draft([line], { partyId: duplicate.id })).json();
    await send('POST', `/api/v1/invoices/${issued.id}/issue`, { version: 1 });
    const pending = (await draft([line], { partyId: duplicate.id })).json();
    const target = (await get(`/api/v1/parties/${customer.id}`)).json();
    const merged = await send('POST', `/api/v1/parties/${customer.id}/merge`, { duplicateId: duplicate.id, version: target.version });
    expect(merged.statusCode).toBe(200);
    expect((await get(`/api/v1/invoices/${pending.id}`)).json()).toMatchObject({
      partyId: customer.id,
      partyName: 'Despacho Ruiz, S.L.P.',
      version: 2,
    });
    expect((await get(`/api/v1/invoices/${issued.id}`)).json()).toMatchObject({ partyId: duplicate.id, partyName: 'DESPACHO RUIZ SLP' });
  });

  it('credits an issued invoice line by line, then what is left, posting its entry the other way round', async () => {
    const created = (
      await draft([
        { description: 'Chairs', quantity: '4', unitPrice: '25', taxCodeIds: [tax('IVA21')] },
        { description: 'Table', quantity: '1', unitPrice: '200', taxCodeIds: [tax('IVA21')] },
      ])
    ).json();
    const issued = (await send('POST', `/api/v1/invoices/${created.id}/issue`, { version: 1 })).json();
    expect(issued).toMatchObject({ kind: 'invoice', total: '363.00', creditStatus: 'none', creditedTotal: '0.00' });
    expect((await send('POST', `/api/v1/invoices/${created.id}/credit`, { reason: 'x' })).statusCode).toBe(201);
    // That credited everything; start again with a fresh invoice for the partial case.
    expect((await get(`/api/v1/invoices/${created.id}`)).json()).toMatchObject({ creditStatus: 'full', creditedTotal: '363.00' });
    expect((await send('POST', `/api/v1/invoices/${created.id}/credit`, { reason: 'again' })).statusCode).toBe(409);

    const second = (await draft([{ description: 'Chairs', quantity: '4', unitPrice: '25', taxCodeIds: [tax('IVA21')] }])).json();
    await send('POST', `/api/v1/invoices/${second.id}/issue`, { version: 1 });
    const tooMuch = await send('POST', `/api/v1/invoices/${second.id}/credit`, {
      reason: 'Returned',
      lines: [{ lineNo: 1, quantity: '5' }],
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors).toEqual([{ path: 'lines.0.quantity', message: 'only 4 of line 1 is left to credit' }]);
    expect(
      (await send('POST', `/api/v1/invoices/${second.id}/credit`, { reason: 'R', lines: [{ lineNo: 2, quantity: '1' }] })).statusCode,
    ).toBe(400);
    const partial = await send('POST', `/api/v1/invoices/${second.id}/credit`, {
      reason: 'Returned one',
      issueDate: '2026-03-20',
      lines: [{ lineNo: 1, quantity: '1' }],
    });
    expect(partial.statusCode).toBe(201);
    const note = partial.json();
    expect(note).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      creditedInvoiceId: second.id,
      reason: 'Returned one',
      net: '25.00',
      total: '30.25',
    });
    expect(note.numberLabel).toMatch(/^CN-2026-\d{5}$/);
    const entry = (await get(`/api/v1/ledger/entries/${note.entryId}`)).json();
    expect(entry.lines.map((l: { accountCode: string; debit: string; credit: string }) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['430', '0.00', '30.25'],
      ['705', '25.00', '0.00'],
      ['477', '5.25', '0.00'],
    ]);
    expect((await get(`/api/v1/invoices/${second.id}`)).json()).toMatchObject({ creditStatus: 'partial', creditedTotal: '30.25' });
    const rest = await send('POST', `/api/v1/invoices/${second.id}/credit`, { reason: 'Cancelled', issueDate: '2026-03-21' });
    expect(rest.json()).toMatchObject({ net: '75.00', total: '90.75' });
    expect((await get(`/api/v1/invoices/${second.id}`)).json()).toMatchObject({ creditStatus: 'full', creditedTotal: '121.00' });
    expect((await send('POST', `/api/v1/invoices/${note.id}/credit`, { reason: 'no' })).statusCode).toBe(409);
    const notes = (await get('/api/v1/invoices?kind=credit_note')).json().items.map((i: { id: string }) => i.id);
    expect(notes).toContain(note.id);
  });

  it('refuses to issue into a locked period, and the number is not used up', async () => {
    const created = (await draft([{ description: 'Late', quantity: '1', unitPrice: '1' }], { issueDate: '2025-12-30' })).json();
    expect((await send('PUT', '/api/v1/ledger/lock-date', { lockDate: '2025-12-31' })).statusCode).toBe(200);
    const refused = await send('POST', `/api/v1/invoices/${created.id}/issue`, { version: 1 });
    expect(refused.statusCode).toBe(409);
    expect(await count(db, 'invoice_sequences', 'company_id = $1 AND fiscal_year = 2025', [companyId])).toBe(0);
    expect((await get(`/api/v1/invoices/${created.id}`)).json().status).toBe('draft');
    expect(engine === 'pglite' || engine === 'postgres').toBe(true);
  });
});
