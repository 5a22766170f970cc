import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../platform/db/database.ts';
import { buildApp } from '../../../platform/http/app.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { addUser, count, type Session, seedCompany, signIn } from '../../../platform/testing/http.ts';
import { apiRoutes } from '../../../server.ts';
import { applyChartTemplate, ledgerRoutes } from '../index.ts';

describeEachEngine('fiscal years API', (use) => {
  let app: FastifyInstance;
  let admin: Session;
  let clerk: Session;
  let companyId: string;

  beforeAll(async () => {
    const db = use();
    const routes = apiRoutes({ secureCookies: false });
    if (!routes.includes(ledgerRoutes)) routes.push(ledgerRoutes);
    app = await buildApp({ db, webDist: '/nonexistent', secureCookies: false, logLevel: 'silent', routes });
    const { company, user } = await seedCompany(db);
    companyId = company.id;
    await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, 'generic'));
    const accountant = await addUser(db, company.id, ['accountant']);
    admin = await signIn(app, user.email);
    clerk = await signIn(app, accountant.email);
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (s: Session, url: string, payload?: unknown) =>
    app.inject({ method: 'POST', url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const put = (s: Session, url: string, payload: unknown) =>
    app.inject({ method: 'PUT', url, headers: s.headers, payload: payload as object });
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const sale = (date: string, value: string) => ({
    journalCode: 'SAL',
    date,
    lines: [
      { accountCode: '1300', debit: value },
      { accountCode: '4100', credit: value },
    ],
  });
  const written = async (db: Database) => ({
    entries: await count(db, 'journal_entries', 'company_id = $1', [companyId]),
    audit: await count(db, 'audit_events', 'company_id = $1', [companyId]),
  });

  it('previews and closes a year; the year then refuses postings', async () => {
    expect((await post(admin, '/api/v1/ledger/entries', sale('2024-04-01', '400.10'))).statusCode).toBe(201);
    const preview = await get(admin, '/api/v1/ledger/fiscal-years/2024/close-preview');
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ year: 2024, result: '400.10', journalCode: 'OPE', retainedEarnings: { code: '3200' } });
    expect(
      preview.json().lines.map((l: { accountCode: string; debit: string; credit: string }) => [l.accountCode, l.debit, l.credit]),
    ).toEqual([
      ['4100', '400.10', '0.00'],
      ['3200', '0.00', '400.10'],
    ]);

    const before = await written(use());
    const refused = await post(clerk, '/api/v1/ledger/fiscal-years/2024/close', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await written(use())).toEqual(before);

    const closed = await post(admin, '/api/v1/ledger/fiscal-years/2024/close');
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ year: 2024, status: 'closed', result: '400.10', currency: 'EUR' });
    const years = (await get(clerk, '/api/v1/ledger/fiscal-years')).json();
    expect(years.items.find((y: { year: number }) => y.year === 2025)).toMatchObject({ status: 'open' });

    const again = await post(admin, '/api/v1/ledger/fiscal-years/2024/close', {});
    expect(again.statusCode).toBe(409);
    const late = await post(admin, '/api/v1/ledger/entries', sale('2024-12-31', '1'));
    expect(late.statusCode).toBe(409);
    expect(late.json().errors).toEqual([{ path: 'date', message: 'must be after the lock date 2024-12-31' }]);
    expect((await get(clerk, '/api/v1/ledger/lock-dates')).json()).toEqual({ lockDate: '2024-12-31', periodLockDate: null });
    expect((await get(clerk, '/api/v1/ledger/lock-date')).json()).toEqual({ lockDate: '2024-12-31' });
  });

  it('answers bad input with 400 and writes nothing', async () => {
    const before = await written(use());
    for (const url of ['/api/v1/ledger/fiscal-years/abc/close', '/api/v1/ledger/fiscal-years/1800/close']) {
      expect((await post(admin, url, {})).statusCode).toBe(400);
    }
    const extra = await post(admin, '/api/v1/ledger/fiscal-years/2025/close', { surprise: true });
    expect(extra.statusCode).toBe(400);
    const badId = await post(admin, '/api/v1/ledger/fiscal-years/2025/close', { retainedEarningsAccountId: 'nope' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toBe('retainedEarningsAccountId');
    expect((await put(admin, '/api/v1/ledger/lock-dates', { periodLockDate: '2025-02-30' })).statusCode).toBe(400);
    expect((await get(admin, '/api/v1/ledger/fiscal-years/2025/close-preview?retainedEarningsAccountId=x')).statusCode).toBe(400);
    expect(await written(use())).toEqual(before);
  });

  it('keeps non-admins out of the period lock and from moving locks back', async () => {
    const set = await put(clerk, '/api/v1/ledger/lock-dates', { periodLockDate: '2025-03-31' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ lockDate: '2024-12-31', periodLockDate: '2025-03-31' });
    const before = await written(use());
    const locked = await post(clerk, '/api/v1/ledger/entries', sale('2025-03-01', '5'));
    expect(locked.statusCode).toBe(409);
    expect(locked.json().errors).toEqual([{ path: 'date', message: 'must be after the period lock date 2025-03-31' }]);
    expect((await put(clerk, '/api/v1/ledger/lock-dates', { periodLockDate: null })).statusCode).toBe(403);
    expect((await put(clerk, '/api/v1/ledger/lock-date', { lockDate: null })).statusCode).toBe(403);
    expect((await post(clerk, '/api/v1/ledger/fiscal-years/2024/reopen')).statusCode).toBe(403);
    expect(await written(use())).toEqual(before);
    expect((await post(admin, '/api/v1/ledger/entries', sale('2025-03-01', '5'))).statusCode).toBe(201);
  });

  it('reopens a year for an admin', async () => {
    const reopened = await post(admin, '/api/v1/ledger/fiscal-years/2024/reopen');
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ year: 2024, status: 'open', closingEntryId: null, result: '400.10' });
    expect((await get(admin, '/api/v1/ledger/lock-dates')).json()).toEqual({ lockDate: null, periodLockDate: '2025-03-31' });
    expect((await post(admin, '/api/v1/ledger/fiscal-years/2024/reopen')).statusCode).toBe(409);
  });
});
