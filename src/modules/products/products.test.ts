import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/actor.ts';
import { createCompany } from '../../platform/companies/companies.ts';
import type { Database } from '../../platform/db/database.ts';
import { describeEachEngine } from '../../platform/testing/engines.ts';
import { addUser, count, type Session, signIn, testApp } from '../../platform/testing/http.ts';
import { registerModules } from '../index.ts';
import { isValidGtin } from './gtin.ts';

describe('GTIN check digits', () => {
  it.each(['4006381333931', '8412345678905', '96385074', '036000291452', '10012345678902'])('accepts %s', (code) => {
    expect(isValidGtin(code)).toBe(true);
  });
  it.each(['4006381333932', '841234567890', '1234567', 'ABCDEFGHIJKLM', '00000000000001'])('refuses %s', (code) => {
    expect(isValidGtin(code)).toBe(false);
  });
});

describeEachEngine('products API', (use) => {
  let app: FastifyInstance;
  let db: Database;
  let admin: Session;
  let other: Session;
  let companyId: string;
  let accounts: { id: string; code: string; type: string }[];
  let taxes: { id: string; code: string }[];

  const newCompany = async () => {
    const company = await createCompany(
      db,
      SYSTEM_ACTOR,
      {
        slug: `prod-${crypto.randomUUID().slice(0, 8)}`,
        name: 'Products Co',
        baseCurrency: 'EUR',
        country: 'ES',
        fiscalYearStartMonth: 1,
        locale: 'en',
        chart: 'es-pgc',
      },
      null,
    );
    const user = await addUser(db, company.id, ['admin']);
    return { id: company.id, session: await signIn(app, user.email) };
  };

  beforeAll(async () => {
    registerModules();
    db = use();
    app = await testApp(db);
    const first = await newCompany();
    companyId = first.id;
    admin = first.session;
    other = (await newCompany()).session;
    accounts = (await get(admin, '/api/v1/ledger/accounts?limit=200')).json().items;
    taxes = (await get(admin, '/api/v1/taxes/codes')).json().items;
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    app.inject({ method, url, headers: s.headers, payload: payload as object });
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const account = (code: string) => accounts.find((a) => a.code === code)?.id;
  const tax = (code: string) => taxes.find((t) => t.code === code)?.id;

  it('adds a product with its prices, default taxes and accounts, and finds it by name, SKU or scanned barcode', async () => {
    const res = await send(admin, 'POST', '/api/v1/products', {
      sku: 'CAF-250',
      kind: 'stockable',
      name: 'Ground coffee 250 g',
      nameEs: 'Café molido 250 g',
      unit: 'H87',
      barcode: '8412345678905',
      salesPrice: '4.5',
      purchasePrice: '2.125',
      salesTaxCodeIds: [tax('IVA10')],
      purchaseTaxCodeIds: [tax('IVA10')],
      incomeAccountId: account('700'),
      expenseAccountId: account('600'),
    });
    expect(res.statusCode).toBe(201);
    const product = res.json();
    expect(product).toMatchObject({ sku: 'CAF-250', salesPrice: '4.50', purchasePrice: '2.125', currency: 'EUR', unit: 'H87', version: 1 });
    expect(product.salesTaxCodeIds).toEqual([tax('IVA10')]);
    expect((await get(admin, `/api/v1/products/${product.id}`)).json()).toEqual(product);
    const found = async (q: string) =>
      (await get(admin, `/api/v1/products?q=${encodeURIComponent(q)}`)).json().items.map((p: { sku: string }) => p.sku);
    expect(await found('cafe molido')).toEqual(['CAF-250']);
    expect(await found('caf-25')).toEqual(['CAF-250']);
    expect(await found('8412345678905')).toEqual(['CAF-250']);
    expect((await get(other, `/api/v1/products/${product.id}`)).statusCode).toBe(404);
    expect((await get(admin, '/api/v1/products/units')).json().items).toContainEqual({ code: 'KGM', name: 'kilogram' });
  });

  it('refuses bad input with a field error per problem, writing nothing', async () => {
    const before = await count(db, 'products', 'company_id = $1', [companyId]);
    const refusal = async (payload: unknown) => {
      const res = await send(admin, 'POST', '/api/v1/products', payload);
      expect(res.statusCode).toBe(400);
      return res.json().errors.map((e: { path: string }) => e.path);
    };
    const base = { sku: 'SRV-1', name: 'Consulting hour', unit: 'HUR', salesPrice: '60' };
    expect(await refusal({ ...base, barcode: '8412345678901' })).toEqual(['barcode']);
    expect(await refusal({ ...base, salesPrice: '-1' })).toEqual(['salesPrice']);
    expect(await refusal({ ...base, salesPrice: '1.1234567' })).toEqual(['salesPrice']);
    expect(await refusal({ ...base, unit: 'XYZ' })).toEqual(['unit']);
    expect(await refusal({ ...base, sku: 'has space' })).toEqual(['sku']);
    expect(await refusal({ ...base, salesTaxCodeIds: [tax('ISP21')] })).toEqual(['salesTaxCodeIds.0']);
    expect(await refusal({ ...base, salesTaxCodeIds: [tax('IVA21'), tax('IVA21')] })).toEqual(['salesTaxCodeIds']);
    expect(await refusal({ ...base, incomeAccountId: account('600') })).toEqual(['incomeAccountId']);
    expect(await count(db, 'products', 'company_id = $1', [companyId])).toBe(before);
    const first = await send(admin, 'POST', '/api/v1/products', base);
    expect(first.statusCode).toBe(201);
    const again = await send(admin, 'POST', '/api/v1/products', base);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ path: 'sku', message: 'is already used by another product' }]);
  });

  it('changes a product at its version, and archives and restores it', async () => {
    const created = (await send(admin, 'POST', '/api/v1/products', { sku: 'TEA-1', name: 'Green tea', salesPrice: '3' })).json();
    const changed = await send(admin, 'PATCH', `/api/v1/products/${created.id}`, {
      version: 1,
      salesPrice: '3.25',
      salesTaxCodeIds: [tax('IVA21')],
    });
    expect(changed.json()).toMatchObject({ salesPrice: '3.25', salesTaxCodeIds: [tax('IVA21')], version: 2 });
    expect((await send(admin, 'PATCH', `/api/v1/products/${created.id}`, { version: 1, name: 'late' })).statusCode).toBe(409);
    expect((await send(admin, 'PATCH', `/api/v1/products/${created.id}`, { version: 2, salesPrice: null })).json()).toMatchObject({
      salesPrice: null,
      version: 3,
    });
    await send(admin, 'POST', `/api/v1/products/${created.id}/archive`, {});
    expect((await get(admin, '/api/v1/products?q=green')).json().items).toEqual([]);
    expect((await get(admin, '/api/v1/products?q=green&archived=only')).json().items).toHaveLength(1);
    expect((await send(admin, 'POST', `/api/v1/products/${created.id}/restore`, {})).json().archivedAt).toBeNull();
    const actions = await db.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE company_id = $1 AND entity_id = $2 ORDER BY seq',
      [companyId, created.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'products.product.created',
      'products.product.updated',
      'products.product.updated',
      'products.product.archived',
      'products.product.restored',
    ]);
  });

  it('lets sales, purchasing and the warehouse keep the catalogue, and accountants read it', async () => {
    const accountant = await signIn(app, (await addUser(db, companyId, ['accountant'])).email);
    expect((await get(accountant, '/api/v1/products')).statusCode).toBe(200);
    expect((await send(accountant, 'POST', '/api/v1/products', { sku: 'NO-1', name: 'No' })).statusCode).toBe(403);
    const seller = await signIn(app, (await addUser(db, companyId, ['sales'])).email);
    expect((await send(seller, 'POST', '/api/v1/products', { sku: 'YES-1', name: 'Yes' })).statusCode).toBe(201);
  });
});
