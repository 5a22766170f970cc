import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import { createCompany } from '../../../platform/companies/companies.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db/database.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { addUser, count } from '../../../platform/testing/http.ts';
import { archiveAccount } from '../archive-account.ts';
import { createAccount, ensureDefaultJournals, postNewEntry, setLockDate, setLockDates } from '../index.ts';
import { parseQuantity } from '../plain-text/amount.ts';
import { hasHledger, hledgerBalances, normalise } from '../plain-text/hledger-oracle.ts';
import { parseJournal } from '../plain-text/parse-journal.ts';
import { randomPricedJournal } from '../plain-text/random-journal.ts';
import { trialBalance as plainTrialBalance } from '../plain-text/trial-balance.ts';
import { type CommodityTrialBalanceRow, commodityTrialBalance } from './commodity-trial-balance.ts';
import { exportJournal } from './export-journal.ts';
import { importJournal } from './import-journal.ts';
import { textSource } from './journal-source.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'plain-text', 'fixtures');
const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.journal'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-file-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Non-zero balances as `account\tcommodity` → normalised decimal (hledger hides zero balances). */
function nonZero(rows: Pick<CommodityTrialBalanceRow, 'account' | 'commodity' | 'balance'>[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const row of rows) {
    const negative = row.balance.startsWith('-');
    const { quantity, scale } = parseQuantity(negative ? row.balance.slice(1) : row.balance, '.');
    if (quantity !== 0n) result.set(`${row.account}\t${row.commodity}`, normalise({ quantity: negative ? -quantity : quantity, scale }));
  }
  return result;
}

const sorted = (m: Map<string, string>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

let companies = 0;

/** A company with the default journals and no accounts (no user: argon2 hashing would slow the property runs). */
async function newBooks(db: Database): Promise<ServiceContext> {
  companies += 1;
  const company = await createCompany(
    db,
    SYSTEM_ACTOR,
    {
      slug: `books-${process.pid}-${companies}-${Date.now()}`,
      name: 'Books',
      baseCurrency: 'EUR',
      country: 'ES',
      fiscalYearStartMonth: 1,
      locale: 'en',
    },
    null,
  );
  await db.tenant(company.id, (tx) => ensureDefaultJournals(tx, company.id));
  return { db, companyId: company.id, actor: SYSTEM_ACTOR };
}

async function exportText(ctx: ServiceContext): Promise<string> {
  let text = '';
  await exportJournal(ctx, (chunk) => {
    text += chunk;
  });
  return text;
}

async function importFailure(ctx: ServiceContext, text: string, name = 'bad.journal', format: 'journal' | 'csv' = 'journal') {
  const err = await importJournal(ctx, textSource(text, name, format)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return (err as Error).message;
}

async function nothingWritten(ctx: ServiceContext): Promise<void> {
  const where = 'company_id = $1';
  expect(await count(ctx.db, 'journal_entries', where, [ctx.companyId])).toBe(0);
  expect(await count(ctx.db, 'accounts', where, [ctx.companyId])).toBe(0);
  expect(await count(ctx.db, 'exchange_rates', where, [ctx.companyId])).toBe(0);
}

describeEachEngine('journal files', (use) => {
  describe.runIf(hasHledger)('balances equal hledger balance --flat -N', () => {
    for (const name of fixtures) {
      it(`${name}: import, then export → hledger and re-import agree`, async () => {
        const file = path.join(FIXTURES, name);
        const ctx = await newBooks(use());
        const result = await importJournal(ctx, textSource(fs.readFileSync(file, 'utf8'), name, 'journal'));
        expect(result.entries).toBeGreaterThan(0);
        const ours = await commodityTrialBalance(ctx);
        const commodities = ours.map((r) => r.commodity);
        expect(sorted(nonZero(ours))).toEqual(sorted(hledgerBalances(file, commodities)));

        const exported = path.join(tmp, `${use().engine}-${name}`);
        fs.writeFileSync(exported, await exportText(ctx));
        expect(sorted(hledgerBalances(exported, commodities))).toEqual(sorted(nonZero(ours)));
        const again = await newBooks(use());
        await importJournal(again, textSource(fs.readFileSync(exported, 'utf8'), 'exported.journal', 'journal'));
        expect(await commodityTrialBalance(again)).toEqual(ours);
      });
    }

    it('on random journals (postings, prices, several commodities)', async () => {
      await fc.assert(
        fc.asyncProperty(randomPricedJournal, async (journal) => {
          const file = path.join(tmp, `random-${use().engine}.journal`);
          fs.writeFileSync(file, journal);
          const ctx = await newBooks(use());
          await importJournal(ctx, textSource(journal, 'random.journal', 'journal'));
          const ours = await commodityTrialBalance(ctx);
          expect(sorted(nonZero(ours))).toEqual(
            sorted(
              hledgerBalances(
                file,
                ours.map((r) => r.commodity),
              ),
            ),
          );
        }),
        { numRuns: 6, seed: 20261125 },
      );
    }, 120_000);

    it('exports entries posted through the API, foreign-currency lines at their rate, so hledger agrees', async () => {
      const ctx = await newBooks(use());
      for (const [code, type] of [
        ['1200', 'asset'],
        ['1300', 'asset'],
        ['4100', 'income'],
      ] as const) {
        await createAccount(ctx, { code, name: `Account ${code}`, type });
      }
      await postNewEntry(ctx, {
        journalCode: 'GEN',
        date: '2026-03-01',
        memo: 'Sale; paid in dollars',
        lines: [
          { accountCode: '1300', debit: '92.00', currency: 'USD', amountCurrency: '100.00', rate: '0.92' },
          { accountCode: '1200', debit: '8.00' },
          { accountCode: '4100', credit: '100.00', costCenter: 'NORTH' },
        ],
      });
      const file = path.join(tmp, `api-${use().engine}.journal`);
      fs.writeFileSync(file, await exportText(ctx));
      const ours = await commodityTrialBalance(ctx);
      expect(ours).toEqual([
        { account: '1200', commodity: 'EUR', debit: '8.00', credit: '0.00', balance: '8.00' },
        { account: '1300', commodity: 'USD', debit: '100.00', credit: '0.00', balance: '100.00' },
        { account: '4100', commodity: 'EUR', debit: '0.00', credit: '100.00', balance: '-100.00' },
      ]);
      expect(sorted(hledgerBalances(file, ['EUR', 'USD']))).toEqual(sorted(nonZero(ours)));
    });
  });

  it('reports a date range (whole months from stored balances, edge days from lines) as the journal says', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'basic.journal'), 'utf8');
    const ctx = await newBooks(use());
    await importJournal(ctx, textSource(text, 'basic.journal', 'journal'));
    const journal = parseJournal(text, 'basic.journal');
    for (const [from, to] of [
      ['2024-01-15', '2024-03-01'],
      ['2024-02-01', '2024-02-29'],
      ['2024-01-01', '2024-01-31'],
      ['2024-02-10', '2024-02-12'],
    ] as const) {
      const expected = plainTrialBalance(journal.transactions.filter((t) => t.date >= from && t.date <= to));
      const ours = await commodityTrialBalance(ctx, { from, to });
      expect(sorted(nonZero(ours)), `${from}..${to}`).toEqual(sorted(nonZero(expected)));
    }
  });

  it('imports a CSV of postings exactly like the same journal', async () => {
    const csv = [
      'date,code,description,account,amount',
      '2026-01-02,INV-1,Opening,Assets:Bank,"1.000,50 EUR"',
      '2026-01-02,INV-1,Opening,Equity:Opening,',
      '2026-01-05,,Shares,Assets:Broker,10 ACME @ 50.25 EUR',
      '2026-01-05,,Shares,Assets:Bank,-502.50 EUR',
    ].join('\n');
    const ctx = await newBooks(use());
    const result = await importJournal(ctx, textSource(csv, 'postings.csv', 'csv'));
    expect(result).toMatchObject({ transactions: 2, entries: 2, lines: 4 });
    expect(await commodityTrialBalance(ctx)).toEqual([
      { account: 'Assets:Bank', commodity: 'EUR', debit: '1000.50', credit: '502.50', balance: '498.00' },
      { account: 'Assets:Broker', commodity: 'ACME', debit: '10.00', credit: '0.00', balance: '10.00' },
      { account: 'Equity:Opening', commodity: 'EUR', debit: '0.00', credit: '1000.50', balance: '-1000.50' },
    ]);
    const message = await importFailure(
      await newBooks(use()),
      `${csv}\n2026-01-06,,Broken,Assets:Bank,5 EUR\n2026-01-06,,Broken,Equity:Opening,-4 EUR`,
      'postings.csv',
      'csv',
    );
    expect(message).toMatch(/^postings\.csv:6: unbalanced transaction/);
  });

  it('creates accounts from their names as a typed tree, and numbers entries per fiscal year', async () => {
    const ctx = await newBooks(use());
    await importJournal(
      ctx,
      textSource(
        [
          'account Caja  ; type: C',
          '2025-12-31 Opening',
          '    Assets:Bank:Checking  100 EUR',
          '    Caja  5 EUR',
          '    Equity:Opening',
          '2026-01-02 Rent',
          '    Expenses:Rent  40 EUR',
          '    Assets:Bank:Checking',
        ].join('\n'),
        'tree.journal',
        'journal',
      ),
    );
    const accounts = await ctx.db.tenant(ctx.companyId, (tx) =>
      tx.query<{ code: string; name: string; type: string; subtype: string | null; parent: string | null }>(
        `SELECT a.code, a.name, a.type, a.subtype, p.code AS parent FROM accounts a LEFT JOIN accounts p ON p.company_id = a.company_id AND p.id = a.parent_id
          ORDER BY a.code`,
      ),
    );
    expect(accounts).toEqual([
      { code: 'Assets', name: 'Assets', type: 'asset', subtype: null, parent: null },
      { code: 'Assets:Bank', name: 'Bank', type: 'asset', subtype: null, parent: 'Assets' },
      { code: 'Assets:Bank:Checking', name: 'Checking', type: 'asset', subtype: null, parent: 'Assets:Bank' },
      { code: 'Caja', name: 'Caja', type: 'asset', subtype: 'cash', parent: null },
      { code: 'Equity', name: 'Equity', type: 'equity', subtype: null, parent: null },
      { code: 'Equity:Opening', name: 'Opening', type: 'equity', subtype: null, parent: 'Equity' },
      { code: 'Expenses', name: 'Expenses', type: 'expense', subtype: null, parent: null },
      { code: 'Expenses:Rent', name: 'Rent', type: 'expense', subtype: null, parent: 'Expenses' },
    ]);
    const entries = await ctx.db.tenant(ctx.companyId, (tx) =>
      tx.query<{ fiscal_year: number; number: number; purpose: string }>(
        'SELECT fiscal_year, number, purpose FROM journal_entries ORDER BY date',
      ),
    );
    expect(entries).toEqual([
      { fiscal_year: 2025, number: 1, purpose: 'import' },
      { fiscal_year: 2026, number: 1, purpose: 'import' },
    ]);
    const [audit] = await ctx.db.tenant(ctx.companyId, (tx) =>
      tx.query<{ after: { entries: number } }>(`SELECT after FROM audit_events WHERE action = 'ledger.journal.imported'`),
    );
    expect(audit?.after.entries).toBe(2);
  });

  describe('refuses a bad file naming file:line, and writes nothing', () => {
    const cases: [string, string, RegExp][] = [
      ['unbalanced', '2026-01-01 x\n    Assets:A  10 EUR\n    Equity:B  -9 EUR\n', /^bad\.journal:2: unbalanced transaction/],
      ['malformed amount', '2026-01-01 x\n    Assets:A  10 E7R\n    Equity:B\n', /^bad\.journal:3: /],
      ['failed assertion', '2026-01-01 x\n    Assets:A  10 EUR = 11 EUR\n    Equity:B\n', /^bad\.journal:3: balance assertion failed/],
      ['untyped account', '2026-01-01 x\n    Assets:A  10 EUR\n    Misc:B\n', /^bad\.journal:4: cannot tell the type of account "Misc:B"/],
      [
        'more than 10 decimals',
        '2026-01-01 x\n    Assets:A  0.00000000001 BTC\n    Equity:B\n',
        /^bad\.journal:3: amount .* more than 10 decimals/,
      ],
      [
        'zero price',
        '2026-01-01 x\n    Assets:A  1 X @ 0 EUR\n    Assets:C  1 EUR\n    Equity:B\n',
        /^bad\.journal:3: price .* greater than zero/,
      ],
      ['unknown directive', 'include other.journal\n', /^bad\.journal:2: /],
      // A good transaction before the bad one is not written either.
      ['late error', '2026-01-01 ok\n    Assets:A  1 EUR\n    Equity:B\n\n2026-01-02 bad\n    Assets:A  1 EUR\n', /^bad\.journal:6: /],
    ];
    for (const [what, text, expected] of cases) {
      it(what, async () => {
        const ctx = await newBooks(use());
        // Line 1 is a market price, so that "nothing written" covers exchange rates too.
        expect(await importFailure(ctx, `P 2026-01-01 USD 0.9 EUR\n${text}`)).toMatch(expected);
        await nothingWritten(ctx);
      });
    }

    it('a transaction in a locked period', async () => {
      const ctx = await newBooks(use());
      await setLockDate(ctx, { lockDate: '2025-12-31' });
      const message = await importFailure(
        ctx,
        '2026-01-01 ok\n    Assets:A  1 EUR\n    Equity:B\n\n2025-12-31 late\n    Assets:A  1 EUR\n    Equity:B\n',
      );
      expect(message).toMatch(/^bad\.journal:5: dated 2025-12-31, on or before the lock date 2025-12-31/);
      await nothingWritten(ctx);
    });

    it('a transaction before the period lock, for a user who is not an admin (admins may)', async () => {
      const ctx = await newBooks(use());
      await setLockDates(ctx, { periodLockDate: '2025-12-31' });
      const clerk = await addUser(ctx.db, ctx.companyId, ['accountant']);
      const asClerk: ServiceContext = { ...ctx, actor: { userId: clerk.id, label: clerk.email } };
      const text = '2026-01-01 ok\n    Assets:A  1 EUR\n    Equity:B\n\n2025-12-20 late\n    Assets:A  1 EUR\n    Equity:B\n';
      const err = await importJournal(asClerk, textSource(text, 'bad.journal', 'journal')).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/^bad\.journal:5: dated 2025-12-20, on or before the lock date 2025-12-31/);
      await nothingWritten(ctx);
      expect((await importJournal(ctx, textSource(text, 'ok.journal', 'journal'))).entries).toBe(2);
    });

    it('postings to an archived account, or an account the journal types differently', async () => {
      const ctx = await newBooks(use());
      const old = await createAccount(ctx, { code: 'Assets:Old', name: 'Old', type: 'asset' });
      await archiveAccount(ctx, old.id);
      await createAccount(ctx, { code: 'Assets:Odd', name: 'Odd', type: 'expense' });
      const before = await count(ctx.db, 'accounts', 'company_id = $1', [ctx.companyId]);
      expect(await importFailure(ctx, '2026-01-01 x\n    Assets:Old  1 EUR\n    Equity:B\n')).toMatch(
        /^bad\.journal:2: account "Assets:Old" is archived/,
      );
      expect(await importFailure(ctx, '2026-01-01 x\n    Assets:Odd  1 EUR\n    Equity:B\n')).toMatch(
        /^bad\.journal:2: account "Assets:Odd" exists as expense; the journal makes it asset/,
      );
      expect(await count(ctx.db, 'accounts', 'company_id = $1', [ctx.companyId])).toBe(before);
      expect(await count(ctx.db, 'journal_entries', 'company_id = $1', [ctx.companyId])).toBe(0);
    });
  });
});
