import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/app.ts';
import { describeEachEngine } from '../../platform/testing/engines.ts';
import { count, type Session, seedCompany, signIn } from '../../platform/testing/http.ts';
import { apiRoutes } from '../../server.ts';
import { applyChartTemplate, ledgerRoutes } from './index.ts';

describeEachEngine('ledger API', (use) => {
  let app: FastifyInstance;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    const db = use();
    const routes = apiRoutes({ secureCookies: false });
    // server.ts lists the ledger once it is wired in; until then the test adds it.
    if (!routes.includes(ledgerRoutes)) routes.push(ledgerRoutes);
    app = await buildApp({ db, webDist: '/nonexistent', secureCookies: false, logLevel: 'silent', routes });
    const first = await seedCompany(db);
    const second = await seedCompany(db, ['accountant']);
    for (const company of [first.company.id, second.company.id]) {
      await db.tenant(company, (tx) => applyChartTemplate(tx, company, 'generic'));
    }
    a = await signIn(app, first.user.email);
    b = await signIn(app, second.user.email);
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (s: Session, url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const entry = (value: string, date = '2025-06-01') => ({
    journalCode: 'SAL',
    date,
    reference: 'INV-1',
    lines: [
      { accountCode: '1300', debit: value },
      { accountCode: '4100', credit: value },
    ],
  });

  it('posts an entry, reads it back and reports a balanced trial balance', async () => {
    const res = await post(a, '/api/v1/ledger/entries', entry('1234.5'));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ status: 'posted', number: 1, totalDebit: '1234.50', journalCode: 'SAL', fiscalYear: 2025 });
    const read = await get(a, `/api/v1/ledger/entries/${created.id}`);
    expect(read.json().lines[1]).toMatchObject({ accountCode: '4100', credit: '1234.50', debit: '0.00' });
    const list = await get(a, '/api/v1/ledger/entries?status=posted&limit=10');
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(created.id);
    const tb = (await get(a, '/api/v1/ledger/reports/trial-balance?from=2025-01-01&to=2025-12-31')).json();
    expect(tb.totals).toEqual({ debit: '1234.50', credit: '1234.50' });
    expect(tb.rows.map((r: { code: string; balance: string }) => [r.code, r.balance])).toEqual([
      ['1300', '1234.50'],
      ['4100', '-1234.50'],
    ]);
    const journals = (await get(a, '/api/v1/ledger/journals')).json();
    expect(journals.items.map((j: { code: string }) => j.code)).toContain('SAL');
  });

  it('answers bad input with problem+json and writes nothing', async () => {
    const before = await count(use(), 'journal_entries');
    const unbalanced = await post(a, '/api/v1/ledger/entries', {
      ...entry('10'),
      lines: [
        { accountCode: '1300', debit: '10' },
        { accountCode: '4100', credit: '9' },
      ],
    });
    expect(unbalanced.statusCode).toBe(400);
    expect(unbalanced.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unbalanced.json().errors[0].path).toBe('lines');
    const floatAmount = await post(a, '/api/v1/ledger/entries', {
      ...entry('10'),
      lines: [
        { accountCode: '1300', debit: 10 },
        { accountCode: '4100', credit: '10' },
      ],
    });
    expect(floatAmount.statusCode).toBe(400);
    expect(floatAmount.json().errors[0].path).toMatch(/lines\.0\.debit/);
    const badDate = await post(a, '/api/v1/ledger/entries', { ...entry('10'), date: '2025-02-30' });
    expect(badDate.statusCode).toBe(400);
    const extra = await post(a, '/api/v1/ledger/entries', { ...entry('10'), surprise: true });
    expect(extra.statusCode).toBe(400);
    const badStatus = await post(a, '/api/v1/ledger/entries?status=maybe', entry('10'));
    expect(badStatus.statusCode).toBe(400);
    expect(await count(use(), 'journal_entries')).toBe(before);
    const badAccount = await post(a, '/api/v1/ledger/accounts', { code: '1100', name: 'Dup', type: 'asset' });
    expect(badAccount.statusCode).toBe(409);
    expect((await post(a, '/api/v1/ledger/accounts', { code: 'x y', name: 'Bad', type: 'nope' })).statusCode).toBe(400);
  });

  it('keeps drafts, posts them, reverses entries and enforces the lock date', async () => {
    const draft = await post(a, '/api/v1/ledger/entries?status=draft', entry('50', '2025-07-01'));
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', number: null });
    const posted = await post(a, `/api/v1/ledger/entries/${draft.json().id}/post`, {});
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({ status: 'posted', number: 2 });
    const reversed = await post(a, `/api/v1/ledger/entries/${draft.json().id}/reverse`, { date: '2025-07-02' });
    expect(reversed.statusCode).toBe(201);
    expect(reversed.json()).toMatchObject({ reversalOf: draft.json().id, number: 3 });
    expect((await post(a, `/api/v1/ledger/entries/${draft.json().id}/reverse`, {})).statusCode).toBe(409);

    const lock = await app.inject({
      method: 'PUT',
      url: '/api/v1/ledger/lock-date',
      headers: a.headers,
      payload: { lockDate: '2025-06-30' },
    });
    expect(lock.json()).toEqual({ lockDate: '2025-06-30' });
    const locked = await post(a, '/api/v1/ledger/entries', entry('5', '2025-06-15'));
    expect(locked.statusCode).toBe(409);
    expect(locked.json().errors).toEqual([{ path: 'date', message: 'must be after the lock date 2025-06-30' }]);
    expect((await get(a, '/api/v1/ledger/lock-date')).json()).toEqual({ lockDate: '2025-06-30' });
  });

  it('creates and archives accounts', async () => {
    const created = await post(a, '/api/v1/ledger/accounts', { code: '1210', name: 'Second bank', type: 'asset', subtype: 'bank' });
    expect(created.statusCode).toBe(201);
    const archived = await post(a, `/api/v1/ledger/accounts/${created.json().id}/archive`, {});
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).not.toBeNull();
    const list = (await get(a, '/api/v1/ledger/accounts?archived=only')).json();
    expect(list.items.map((x: { code: string }) => x.code)).toEqual(['1210']);
  });

  it('hides one company’s ledger from another (404), and its accounts from postings', async () => {
    const own = await post(a, '/api/v1/ledger/entries', entry('7', '2025-08-01'));
    const id = own.json().id as string;
    expect((await get(b, `/api/v1/ledger/entries/${id}`)).statusCode).toBe(404);
    expect((await post(b, `/api/v1/ledger/entries/${id}/reverse`, {})).statusCode).toBe(404);
    expect((await post(b, `/api/v1/ledger/entries/${id}/post`, {})).statusCode).toBe(404);
    const account = own.json().lines[0].accountId as string;
    expect((await post(b, `/api/v1/ledger/accounts/${account}/archive`, {})).statusCode).toBe(404);
    const foreign = await post(b, '/api/v1/ledger/entries', {
      journalCode: 'GEN',
      date: '2025-08-01',
      lines: [
        { accountId: account, debit: '1' },
        { accountCode: '4100', credit: '1' },
      ],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ path: 'lines.0.accountId', message: 'is not an account of this company' }]);
    const tb = (await get(b, '/api/v1/ledger/reports/trial-balance')).json();
    expect(tb.rows).toEqual([]);
  });
});
