import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../../platform/http/app.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { addUser, count, type Session, seedCompany, signIn } from '../../../platform/testing/http.ts';
import { apiRoutes } from '../../../server.ts';
import { applyChartTemplate, ledgerRoutes } from '../index.ts';

describeEachEngine('FX API', (use) => {
  let app: FastifyInstance;
  let admin: Session;
  let viewer: Session;
  let companyId: string;

  beforeAll(async () => {
    const db = use();
    const routes = apiRoutes({ secureCookies: false });
    if (!routes.includes(ledgerRoutes)) routes.push(ledgerRoutes);
    app = await buildApp({ db, webDist: '/nonexistent', secureCookies: false, logLevel: 'silent', routes });
    const { company, user } = await seedCompany(db);
    companyId = company.id;
    await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, 'es-pgc'));
    admin = await signIn(app, user.email);
    // An auditor of the same company: may read the rates, may not change them.
    const auditor = await addUser(db, company.id, ['auditor']);
    viewer = await signIn(app, auditor.email);
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (s: Session, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const accountId = async (code: string) => {
    const [row] = await use().tenant(companyId, (tx) =>
      tx.query<{ id: string }>('SELECT id FROM accounts WHERE company_id = $1 AND code = $2', [companyId, code]),
    );
    return row?.id as string;
  };

  it('sets, lists, looks up, exports and deletes rates', async () => {
    const put = await send(admin, 'PUT', '/api/v1/ledger/fx/rates', { currency: 'USD', date: '2026-03-31', rate: '0.95' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ currency: 'USD', quote: 'EUR', rate: '0.95', source: 'manual' });
    const list = await get(admin, '/api/v1/ledger/fx/rates?currency=USD&from=2026-01-01');
    expect(list.json().items.map((r: { rate: string }) => r.rate)).toEqual(['0.95']);
    const at = await get(admin, '/api/v1/ledger/fx/rates/at?currency=USD&date=2026-04-15');
    expect(at.json()).toEqual({ currency: 'USD', rate: '0.95', date: '2026-03-31', inverted: false });
    const csv = await get(admin, '/api/v1/ledger/fx/rates/export.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toBe('date,currency,rate,quote\n2026-03-31,USD,0.95,EUR\n');
    await send(admin, 'PUT', '/api/v1/ledger/fx/rates', { currency: 'GBP', date: '2026-03-31', rate: '1.1' });
    expect((await send(admin, 'DELETE', '/api/v1/ledger/fx/rates/GBP/EUR/2026-03-31')).statusCode).toBe(204);
    expect((await send(admin, 'DELETE', '/api/v1/ledger/fx/rates/GBP/EUR/2026-03-31')).statusCode).toBe(404);
  });

  it('answers bad input with problem+json field errors and writes nothing', async () => {
    const before = await count(use(), 'exchange_rates', 'company_id = $1', [companyId]);
    const bad = await send(admin, 'PUT', '/api/v1/ledger/fx/rates', { currency: 'USD', date: '2026-03-31', rate: 0.95 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().errors[0].path).toBe('rate');
    const csv = await send(admin, 'POST', '/api/v1/ledger/fx/rates/import', { csv: 'date,currency,rate\n2026-04-01,USD,abc\n' });
    expect(csv.statusCode).toBe(400);
    expect(csv.json().errors).toContainEqual({ path: 'line 2: rate', message: 'must be a decimal string like "1.0825"' });
    expect(new Set(csv.json().errors.map((e: { path: string }) => e.path))).toEqual(new Set(['line 2: rate']));
    const noRate = await get(admin, '/api/v1/ledger/fx/rates/at?currency=JPY&date=2026-04-15');
    expect(noRate.statusCode).toBe(400);
    expect(noRate.json().errors[0].message).toContain('no JPY rate');
    expect(await count(use(), 'exchange_rates', 'company_id = $1', [companyId])).toBe(before);
  });

  it('describes its endpoints in the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/ledger/fx/rates',
        '/api/v1/ledger/fx/rates/import',
        '/api/v1/ledger/fx/revaluations/preview',
        '/api/v1/ledger/fx/revaluations',
        '/api/v1/ledger/fx/settlements',
      ]),
    );
  });

  it('keeps writes for those who may write', async () => {
    expect((await get(viewer, '/api/v1/ledger/fx/rates')).statusCode).toBe(200);
    const res = await send(viewer, 'PUT', '/api/v1/ledger/fx/rates', { currency: 'USD', date: '2026-03-31', rate: '2' });
    expect(res.statusCode).toBe(403);
  });

  it('previews and posts a revaluation, and posts a settlement with its realized difference', async () => {
    const entry = await send(admin, 'POST', '/api/v1/ledger/entries', {
      journalCode: 'SAL',
      date: '2026-02-10',
      lines: [
        { accountCode: '430', debit: '900', currency: 'USD', amountCurrency: '1000', rate: '0.9' },
        { accountCode: '700', credit: '900' },
      ],
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const preview = await get(admin, `/api/v1/ledger/fx/revaluations/preview?date=2026-03-31&accountIds=${await accountId('430')}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().rows).toMatchObject([{ accountCode: '430', foreignBalance: '1000.00', difference: '50.00' }]);
    const posted = await send(admin, 'POST', '/api/v1/ledger/fx/revaluations', { date: '2026-03-31' });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json().entry).toMatchObject({ purpose: 'revaluation', date: '2026-03-31', totalDebit: '50.00' });
    expect(posted.json().reversal).toMatchObject({ date: '2026-04-01', reversalOf: posted.json().entry.id });

    const settlement = await send(admin, 'POST', '/api/v1/ledger/fx/settlements', {
      date: '2026-04-10',
      side: 'receivable',
      currency: 'USD',
      documentAmountCurrency: '1000',
      documentRate: '0.9',
      paidAmountCurrency: '400',
      paymentRate: '0.97',
      receivableAccountId: await accountId('430'),
      bankAccountId: await accountId('572'),
    });
    expect(settlement.statusCode, settlement.body).toBe(201);
    expect(settlement.json()).toMatchObject({ bankAmount: '388.00', clearedAmount: '360.00', realizedDifference: '28.00' });
    expect(
      settlement.json().entry.lines.map((l: { accountCode: string; debit: string; credit: string }) => [l.accountCode, l.debit, l.credit]),
    ).toEqual([
      ['572', '388.00', '0.00'],
      ['430', '0.00', '360.00'],
      ['768', '0.00', '28.00'],
    ]);
    const base = await send(admin, 'POST', '/api/v1/ledger/fx/settlements', {
      date: '2026-04-10',
      side: 'receivable',
      currency: 'EUR',
      documentAmountCurrency: '1000',
      documentRate: '1',
      paidAmountCurrency: '400',
      paymentRate: '1',
      receivableAccountId: await accountId('430'),
      bankAccountId: await accountId('572'),
    });
    expect(base.statusCode).toBe(400);
    expect(base.json().errors[0].path).toBe('currency');
  });
});
