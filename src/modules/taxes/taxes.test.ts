import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/actor.ts';
import { createCompany } from '../../platform/companies/companies.ts';
import type { Database } from '../../platform/db/database.ts';
import { describeEachEngine } from '../../platform/testing/engines.ts';
import { addUser, count, type Session, signIn, testApp } from '../../platform/testing/http.ts';
import { registerModules } from '../index.ts';

describeEachEngine('taxes API', (use) => {
  let app: FastifyInstance;
  let db: Database;
  let spain: Session;
  let germany: Session;
  let spainId: string;

  const newCompany = async (country: string, chart: string) => {
    const company = await createCompany(
      db,
      SYSTEM_ACTOR,
      {
        slug: `tax-${country.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}`,
        name: `Tax ${country}`,
        baseCurrency: 'EUR',
        country,
        fiscalYearStartMonth: 1,
        locale: 'en',
        chart,
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
    const es = await newCompany('ES', 'es-pgc');
    spainId = es.id;
    spain = es.session;
    germany = (await newCompany('DE', 'generic')).session;
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (s: Session, method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown) =>
    app.inject({ method, url, headers: s.headers, payload: payload as object });
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const codes = async (s: Session, query = '') =>
    (await get(s, `/api/v1/taxes/codes${query}`)).json().items as { id: string; code: string }[];
  const idOf = async (s: Session, code: string) => (await codes(s)).find((c) => c.code === code)?.id as string;

  it("gives a company its country's standard codes, posting to the chart's tax accounts", async () => {
    const es = await codes(spain);
    expect(es.map((c) => c.code).sort()).toEqual(
      ['EXENTO', 'EXP', 'IC', 'IRPF15', 'IRPF19', 'IRPF7', 'ISP21', 'IVA10', 'IVA21', 'IVA4', 'RE0.5', 'RE1.4', 'RE5.2'].sort(),
    );
    const accounts = (await get(spain, '/api/v1/ledger/accounts?limit=200')).json().items as { id: string; code: string }[];
    const code = (id: string | null) => accounts.find((a) => a.id === id)?.code ?? null;
    const iva21 = (await codes(spain)).find((c) => c.code === 'IVA21') as unknown as Record<string, string | null>;
    expect([code(iva21.salesAccountId ?? null), code(iva21.purchasesAccountId ?? null)]).toEqual(['477', '472']);
    const isp = (await codes(spain)).find((c) => c.code === 'ISP21') as unknown as Record<string, unknown>;
    expect(isp).toMatchObject({ reverseCharge: true, category: 'AE', scope: 'purchases', rate: '21' });
    expect((await codes(germany)).map((c) => c.code)).toEqual(['VAT19', 'VAT7', 'EXEMPT', 'ZERO']);
    // Adding the defaults again adds nothing.
    expect((await send(spain, 'POST', '/api/v1/taxes/codes/defaults', {})).json().items).toEqual([]);
    expect((await codes(spain, '?scope=sales')).map((c) => c.code)).not.toContain('ISP21');
  });

  it('computes a document with the codes and the rounding the company chose', async () => {
    const iva21 = await idOf(spain, 'IVA21');
    const irpf = await idOf(spain, 'IRPF15');
    const lines = [
      { quantity: '1', unitPrice: '0.07', taxCodeIds: [iva21] },
      { quantity: '1', unitPrice: '0.07', taxCodeIds: [iva21] },
    ];
    const byDocument = await send(spain, 'POST', '/api/v1/taxes/compute', { side: 'sales', lines });
    expect(byDocument.statusCode).toBe(200);
    expect(byDocument.json()).toMatchObject({ net: '0.14', tax: '0.03', total: '0.17' });
    const settings = (await get(spain, '/api/v1/taxes/settings')).json();
    expect(settings).toEqual({ rounding: 'document', version: 0 });
    expect((await send(spain, 'PUT', '/api/v1/taxes/settings', { rounding: 'line', version: 0 })).json()).toEqual({
      rounding: 'line',
      version: 1,
    });
    expect((await send(spain, 'PUT', '/api/v1/taxes/settings', { rounding: 'document', version: 0 })).statusCode).toBe(409);
    expect((await send(spain, 'POST', '/api/v1/taxes/compute', { side: 'sales', lines })).json()).toMatchObject({
      tax: '0.02',
      total: '0.16',
    });
    const professional = await send(spain, 'POST', '/api/v1/taxes/compute', {
      side: 'sales',
      lines: [{ quantity: '1', unitPrice: '1000', taxCodeIds: [iva21, irpf] }],
    });
    expect(professional.json()).toMatchObject({ net: '1000.00', tax: '210.00', withholding: '150.00', total: '1060.00' });
    const yen = await send(spain, 'POST', '/api/v1/taxes/compute', {
      side: 'sales',
      currency: 'JPY',
      lines: [{ quantity: '3', unitPrice: '333', taxCodeIds: [iva21] }],
    });
    expect(yen.json()).toMatchObject({ net: '999', tax: '210', total: '1209' });
  });

  it('refuses codes that cannot be used, with a field error per line', async () => {
    const isp = await idOf(spain, 'ISP21');
    const foreign = (await codes(germany))[0]?.id;
    const res = await send(spain, 'POST', '/api/v1/taxes/compute', {
      side: 'sales',
      lines: [
        { quantity: '1', unitPrice: '10', taxCodeIds: [isp] },
        { quantity: '1', unitPrice: '10', taxCodeIds: [foreign] },
        { quantity: '1.12345', unitPrice: '10' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['lines.2.quantity']);
    const wrong = await send(spain, 'POST', '/api/v1/taxes/compute', {
      side: 'sales',
      lines: [
        { quantity: '1', unitPrice: '10', taxCodeIds: [isp] },
        { quantity: '1', unitPrice: '10', taxCodeIds: [foreign] },
      ],
    });
    expect(wrong.json().errors).toEqual([
      { path: 'lines.0.taxCodeIds.0', message: 'tax code ISP21 is for purchases only' },
      { path: 'lines.1.taxCodeIds.0', message: 'is not a tax code of this company' },
    ]);
  });

  it('adds a code, keeps its rate fixed, and refuses definitions that make no sense', async () => {
    const before = await count(db, 'tax_codes', 'company_id = $1', [spainId]);
    const refusal = async (payload: unknown) => {
      const res = await send(spain, 'POST', '/api/v1/taxes/codes', payload);
      expect(res.statusCode).toBe(400);
      return res.json().errors.map((e: { path: string }) => e.path);
    };
    const base = { code: 'IVA5', kind: 'vat', category: 'S', rate: '5', name: 'VAT 5%' };
    expect(await refusal({ ...base, rate: '101' })).toEqual(['rate']);
    expect(await refusal({ ...base, category: undefined })).toEqual(['category']);
    expect(await refusal({ ...base, kind: 'withholding' })).toEqual(['category']);
    expect(await refusal({ ...base, priceIncluded: true, compound: true })).toEqual(['priceIncluded']);
    expect(await refusal({ ...base, reverseCharge: true, scope: 'purchases' })).toEqual(['reverseChargeAccountId']);
    expect(await refusal({ ...base, category: 'E' })).toEqual(['exemptionReason', 'rate']);
    const income = (await get(spain, '/api/v1/ledger/accounts?limit=200&type=income')).json().items[0].id;
    expect(await refusal({ ...base, salesAccountId: income })).toEqual(['salesAccountId']);
    expect(await count(db, 'tax_codes', 'company_id = $1', [spainId])).toBe(before);

    const created = await send(spain, 'POST', '/api/v1/taxes/codes', { ...base, priceIncluded: true });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'IVA5', rate: '5', priceIncluded: true, scope: 'both', version: 1 });
    expect((await send(spain, 'POST', '/api/v1/taxes/codes', base)).statusCode).toBe(409);
    const renamed = await send(spain, 'PATCH', `/api/v1/taxes/codes/${created.json().id}`, { version: 1, name: 'VAT 5% (included)' });
    expect(renamed.json()).toMatchObject({ name: 'VAT 5% (included)', rate: '5', version: 2 });
    expect((await send(spain, 'PATCH', `/api/v1/taxes/codes/${created.json().id}`, { version: 2, rate: '6' })).statusCode).toBe(400);
    // Not even raw SQL changes a rate.
    await expect(db.query(`UPDATE tax_codes SET rate = 6 WHERE company_id = $1 AND code = 'IVA5'`, [spainId])).rejects.toThrow(
      /keeps its rate/,
    );
    const archived = await send(spain, 'POST', `/api/v1/taxes/codes/${created.json().id}/archive`, {});
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await codes(spain)).map((c) => c.code)).not.toContain('IVA5');
    const actions = await db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE company_id = $1 AND entity_id = $2 ORDER BY seq`,
      [spainId, created.json().id],
    );
    expect(actions.map((a) => a.action)).toEqual(['taxes.code.created', 'taxes.code.updated', 'taxes.code.archived']);
  });

  it('lets accountants change codes and sales read them', async () => {
    const seller = await signIn(app, (await addUser(db, spainId, ['sales'])).email);
    expect((await get(seller, '/api/v1/taxes/codes')).statusCode).toBe(200);
    expect(
      (await send(seller, 'POST', '/api/v1/taxes/codes', { code: 'X', kind: 'vat', category: 'S', rate: '1', name: 'X' })).statusCode,
    ).toBe(403);
    const employee = await signIn(app, (await addUser(db, spainId, ['employee'])).email);
    expect((await get(employee, '/api/v1/taxes/codes')).statusCode).toBe(403);
  });
});
