import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import type { Database } from '../../../platform/db/database.ts';
import { buildApp } from '../../../platform/http/app.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { addUser, count, type Session, seedCompany, signIn } from '../../../platform/testing/http.ts';
import { apiRoutes } from '../../../server.ts';
import { ensureDefaultJournals, ledgerRoutes } from '../index.ts';
import { streamJournal } from './journal-file-routes.ts';

const JOURNAL = [
  'account Assets:Bank  ; type: C',
  'account Equity:Opening  ; type: E',
  '',
  'P 2026-01-31 ACME 52.00 EUR',
  '',
  '2026-01-02 (OB-1) Opening balance',
  '    Assets:Bank        1000.00 EUR',
  '    Equity:Opening',
  '',
  '2026-01-05 Buy shares',
  '    Assets:Broker      10 ACME @ 50.25 EUR',
  '    Assets:Bank        -502.50 EUR',
  '',
].join('\n');

const CSV = [
  'date,description,account,amount',
  '2026-02-01,Office rent,Expenses:Rent,300.00 EUR',
  '2026-02-01,Office rent,Assets:Bank,-300.00 EUR',
].join('\n');

const IMPORT = '/api/v1/ledger/journal/import';
const BY_COMMODITY = '/api/v1/ledger/reports/trial-balance-by-commodity';

describeEachEngine('journal file API', (use) => {
  let app: FastifyInstance;
  let admin: Session;
  let auditor: Session;
  let companyId: string;

  beforeAll(async () => {
    const db = use();
    const routes = apiRoutes({ secureCookies: false });
    if (!routes.includes(ledgerRoutes)) routes.push(ledgerRoutes);
    app = await buildApp({ db, webDist: '/nonexistent', secureCookies: false, logLevel: 'silent', routes });
    const { company, user } = await seedCompany(db);
    companyId = company.id;
    await db.tenant(company.id, (tx) => ensureDefaultJournals(tx, company.id));
    admin = await signIn(app, user.email);
    // Auditors read the ledger but may not write it.
    auditor = await signIn(app, (await addUser(db, company.id, ['auditor'])).email);
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (s: Session, payload: object) => app.inject({ method: 'POST', url: IMPORT, headers: s.headers, payload });
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  /** What an import could write, so a refused one can be shown to have written none of it. */
  const written = async (db: Database, company: string) => ({
    entries: await count(db, 'journal_entries', 'company_id = $1', [company]),
    lines: await count(db, 'journal_lines', 'company_id = $1', [company]),
    accounts: await count(db, 'accounts', 'company_id = $1', [company]),
    rates: await count(db, 'exchange_rates', 'company_id = $1', [company]),
  });

  it('imports a journal and a CSV of postings, and reports the balances per commodity', async () => {
    const journal = await post(admin, { content: JOURNAL, fileName: 'books.journal', format: 'journal' });
    expect(journal.statusCode, journal.body).toBe(200);
    expect(journal.json()).toEqual({
      file: 'books.journal',
      journalCode: 'GEN',
      transactions: 2,
      entries: 2,
      lines: 4,
      skipped: 0,
      accountsCreated: 5,
      prices: 1,
      firstDate: '2026-01-02',
      lastDate: '2026-01-05',
    });
    const csv = await post(admin, { content: CSV, fileName: 'rent.csv', format: 'csv', journalCode: 'BNK' });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json()).toMatchObject({ file: 'rent.csv', journalCode: 'BNK', entries: 1, lines: 2, accountsCreated: 2 });

    const entries = await get(admin, '/api/v1/ledger/entries?journalCode=BNK');
    expect(entries.json().items).toMatchObject([{ journalCode: 'BNK', date: '2026-02-01', memo: 'Office rent' }]);

    const all = await get(admin, BY_COMMODITY);
    expect(all.statusCode).toBe(200);
    expect(all.json().rows).toEqual([
      { account: 'Assets:Bank', commodity: 'EUR', debit: '1000.00', credit: '802.50', balance: '197.50' },
      { account: 'Assets:Broker', commodity: 'ACME', debit: '10.00', credit: '0.00', balance: '10.00' },
      { account: 'Equity:Opening', commodity: 'EUR', debit: '0.00', credit: '1000.00', balance: '-1000.00' },
      { account: 'Expenses:Rent', commodity: 'EUR', debit: '300.00', credit: '0.00', balance: '300.00' },
    ]);
    const january = await get(admin, `${BY_COMMODITY}?from=2026-01-01&to=2026-01-31`);
    expect(january.json().rows.map((r: { account: string }) => r.account)).toEqual(['Assets:Bank', 'Assets:Broker', 'Equity:Opening']);
    expect((await get(admin, `${BY_COMMODITY}?from=January`)).statusCode).toBe(400);
  });

  it('refuses a bad file with its line, as problem+json, and writes nothing', async () => {
    const before = await written(use(), companyId);
    const unbalanced = `${JOURNAL}2026-03-01 Broken\n    Assets:Bank  5 EUR\n    Equity:Opening  -4 EUR\n`;
    const bad = await post(admin, { content: unbalanced, fileName: 'bad.journal', format: 'journal' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: expect.stringMatching(/^bad\.journal:13: unbalanced transaction/),
    });
    expect(bad.json().errors).toEqual([{ path: 'content', message: expect.stringMatching(/^line 13: unbalanced transaction/) }]);

    const badCsv = await post(admin, { content: `${CSV}\n2026-02-02,Typo,Assets:Bank,ten EUR`, fileName: 'bad.csv', format: 'csv' });
    expect(badCsv.statusCode).toBe(400);
    expect(badCsv.json().detail).toMatch(/^bad\.csv:4: /);

    const noJournal = await post(admin, { content: JOURNAL, fileName: 'books.journal', format: 'journal', journalCode: 'NOPE' });
    expect(noJournal.statusCode).toBe(400);
    expect(noJournal.json().errors).toEqual([{ path: 'journalCode', message: 'is not a journal of this company' }]);

    const folder = await post(admin, { content: JOURNAL, fileName: '../etc/books.journal', format: 'journal' });
    expect(folder.statusCode).toBe(400);
    expect(folder.json().errors[0].path).toBe('fileName');
    const empty = await post(admin, { content: '', fileName: 'empty.journal', format: 'journal' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('content');

    expect(await written(use(), companyId)).toEqual(before);
  });

  it('exports a journal that imports into other books with the same balances', async () => {
    const res = await get(admin, '/api/v1/ledger/journal/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="co-[a-z0-9-]+\.journal"$/);
    expect(res.body).toContain('Assets:Broker');
    expect(res.body).toContain('P 2026-01-31 ACME');

    const { company, user } = await seedCompany(use());
    await use().tenant(company.id, (tx) => ensureDefaultJournals(tx, company.id));
    const other = await signIn(app, user.email);
    const again = await post(other, { content: res.body, fileName: 'exported.journal', format: 'journal' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ entries: 3, lines: 6 });
    expect((await get(other, BY_COMMODITY)).json()).toEqual((await get(admin, BY_COMMODITY)).json());
  });

  it('streams an export larger than the stream buffer whole, waiting for it to drain', async () => {
    const { company, user } = await seedCompany(use());
    await use().tenant(company.id, (tx) => ensureDefaultJournals(tx, company.id));
    const session = await signIn(app, user.email);
    const days = 1500;
    const big = Array.from({ length: days }, (_, i) => {
      const date = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return `${date} Sale ${i + 1}\n    Assets:Bank  ${i + 1}.00 EUR\n    Income:Sales\n`;
    }).join('\n');
    const imported = await post(session, { content: big, fileName: 'big.journal', format: 'journal' });
    expect(imported.statusCode, imported.body).toBe(200);
    const res = await get(session, '/api/v1/ledger/journal/export');
    expect(res.statusCode).toBe(200);
    // Far more than a PassThrough's 16 KiB buffer, so the exporter had to wait for drains to get here.
    expect(res.body.length).toBeGreaterThan(100_000);
    expect(res.body.match(/ Sale \d+/g)).toHaveLength(days);
    expect(res.body).toContain(`Sale ${days}\n`);

    // A client that stops reading and leaves must end the export and its transaction: on the embedded engine
    // (one connection) an export left waiting for a drain would block every later query.
    const ctx = { db: use(), companyId: company.id, actor: SYSTEM_ACTOR };
    const stopped = new Promise<unknown>((resolve, reject) => {
      const stream = streamJournal(ctx, { info: resolve, error: reject });
      stream.once('data', () => {
        stream.pause();
        // Let the exporter fill the buffer and wait for a drain that will never come, then go away.
        setTimeout(() => stream.destroy(), 200);
      });
    });
    expect(String(await stopped)).toMatch(/the response was closed/);
    const after = await get(session, BY_COMMODITY);
    expect(after.statusCode).toBe(200);
    expect(after.json().rows).toHaveLength(2);
  });

  it('lets only those who may write the ledger import', async () => {
    const before = await written(use(), companyId);
    const res = await post(auditor, { content: JOURNAL, fileName: 'books.journal', format: 'journal' });
    expect(res.statusCode).toBe(403);
    expect((await get(auditor, '/api/v1/ledger/journal/export')).statusCode).toBe(200);
    expect(await written(use(), companyId)).toEqual(before);
  });

  it('describes its endpoints in the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining([IMPORT, '/api/v1/ledger/journal/export', BY_COMMODITY]));
  });
});
