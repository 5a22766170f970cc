import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import { buildApp } from '../../../platform/http/app.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { addUser, type Session, signIn } from '../../../platform/testing/http.ts';
import { apiRoutes } from '../../../server.ts';
import { ledgerRoutes } from '../index.ts';
import { seedKnownCompany } from './known-company.test-fixture.ts';

describeEachEngine('ledger reports API', (use) => {
  let app: FastifyInstance;
  let session: Session;
  let outsider: Session;

  beforeAll(async () => {
    const db = use();
    const routes = apiRoutes({ secureCookies: false });
    if (!routes.includes(ledgerRoutes)) routes.push(ledgerRoutes);
    app = await buildApp({ db, webDist: '/nonexistent', secureCookies: false, logLevel: 'silent', routes });
    const ctx = await seedKnownCompany({ db, actor: SYSTEM_ACTOR });
    session = await signIn(app, (await addUser(db, ctx.companyId, ['accountant'])).email);
    outsider = await signIn(app, (await addUser(db, ctx.companyId, ['sales'])).email);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, s: Session = session) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

  it('serves each statement as JSON', async () => {
    const bs = await get('/api/v1/ledger/reports/balance-sheet?at=2025-06-30&compareAt=2025-03-31');
    expect(bs.statusCode).toBe(200);
    expect(bs.json()).toMatchObject({ balanced: true, assets: { total: { amount: '13160.00', compare: '11260.00' } } });
    const pl = await get('/api/v1/ledger/reports/profit-and-loss?from=2025-01-01&to=2025-06-30&costCenter=CC1');
    expect(pl.json().netResult).toEqual({ amount: '1000.00', compare: null });
    const cf = await get('/api/v1/ledger/reports/cash-flow?from=2025-01-01&to=2025-06-30');
    expect(cf.json()).toMatchObject({ netChange: { amount: '10210.00' }, difference: '0.00', balanced: true });
    const gl = await get('/api/v1/ledger/reports/general-ledger?from=2025-01-01&limit=2');
    expect(gl.json().lines).toHaveLength(2);
    expect(gl.json().nextCursor).toEqual(expect.any(String));
    const tb = await get('/api/v1/ledger/reports/trial-balance?to=2025-06-30');
    expect(tb.json().totals).toEqual({ debit: '18070.00', credit: '18070.00' });
  });

  it('describes the reports in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const report of ['trial-balance', 'general-ledger', 'balance-sheet', 'profit-and-loss', 'cash-flow']) {
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([`/api/v1/ledger/reports/${report}`, `/api/v1/ledger/reports/${report}/export`]),
      );
    }
  });

  it('answers bad query input with problem+json and field errors', async () => {
    const cases: [string, string][] = [
      ['/api/v1/ledger/reports/profit-and-loss?from=2025-02-01&to=2025-01-01', 'from'],
      ['/api/v1/ledger/reports/balance-sheet?at=2025-02-30', 'at'],
      ['/api/v1/ledger/reports/balance-sheet?surprise=1', ''],
      ['/api/v1/ledger/reports/general-ledger?accountId=nope', 'accountId'],
      ['/api/v1/ledger/reports/profit-and-loss?costCenter=a%20b', 'costCenter'],
      ['/api/v1/ledger/reports/cash-flow/export?format=doc', 'format'],
      ['/api/v1/ledger/reports/cash-flow/export', 'format'],
    ];
    for (const [url, path] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path ? `querystring.${path}` : 'querystring');
    }
  });

  it('is closed to a user without ledger:read', async () => {
    expect((await get('/api/v1/ledger/reports/balance-sheet', outsider)).statusCode).toBe(403);
    expect((await get('/api/v1/ledger/reports/balance-sheet/export?format=csv', outsider)).statusCode).toBe(403);
  });

  it('exports CSV that parses back to the statement’s numbers', async () => {
    const res = await get('/api/v1/ledger/reports/balance-sheet/export?format=csv&at=2025-06-30&compareAt=2025-03-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="balance-sheet-2025-06-30.csv"');
    const rows: string[][] = parse(res.body);
    expect(rows[0]).toEqual(['Code', 'Account', 'At 2025-06-30', 'At 2025-03-31']);
    expect(rows.find((r) => r[0] === '1200')).toEqual(['1200', 'Bank', '10210.00', '7000.00']);
    expect(rows.find((r) => r[1] === 'Total Assets')?.slice(2)).toEqual(['13160.00', '11260.00']);
    expect(rows.at(-1)).toEqual(['', 'Total liabilities and equity', '13160.00', '11260.00']);

    const gl = parse((await get('/api/v1/ledger/reports/general-ledger/export?format=csv&from=2025-02-01&lang=es')).body) as string[][];
    expect(gl[0]).toEqual(['Código', 'Cuenta', 'Fecha', 'Asiento', 'Concepto', 'Debe', 'Haber', 'Saldo']);
    const bank = gl.filter((r) => r[0] === '1200');
    expect(bank.map((r) => r.at(-1))).toEqual(['10000.00', '7000.00', '8210.00', '10210.00', '10210.00']);
    expect(bank[0]?.[1]).toBe('Bancos');
  });

  it('exports XLSX that exceljs opens with the rows', async () => {
    const res = await get('/api/v1/ledger/reports/profit-and-loss/export?format=xlsx&from=2025-01-01&to=2025-06-30');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const values: unknown[][] = [];
    sheet?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(['Profit and loss']);
    expect(values).toContainEqual(['4100', 'Sales', 1000]);
    expect(values).toContainEqual([undefined, 'Net result', 400]);
  });

  it('exports PDF documents with pages, the trial balance and cash flow included', async () => {
    for (const url of [
      '/api/v1/ledger/reports/cash-flow/export?format=pdf&from=2025-01-01&to=2025-06-30',
      '/api/v1/ledger/reports/trial-balance/export?format=pdf&lang=es',
      '/api/v1/ledger/reports/general-ledger/export?format=pdf',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = res.rawPayload.toString('latin1');
      expect(text.startsWith('%PDF')).toBe(true);
      expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(0);
    }
  });
});
