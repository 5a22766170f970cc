// Balances at scale: the database keeps `ledger_balances` equal to the posted lines however entries are
// posted; accountTotals reads them and gives what the lines alone give; checkBalances finds and fixes any
// difference; a backup round trip keeps them; and on PostgreSQL postings to one hot account neither wait
// for each other nor lose an update.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import { backupTo } from '../../../platform/backup/backup.ts';
import { restoreFrom } from '../../../platform/backup/restore.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Database, Queryable, Tx } from '../../../platform/db/database.ts';
import { describeEachEngine, freshDatabase } from '../../../platform/testing/engines.ts';
import { seedCompany, signIn, testApp } from '../../../platform/testing/http.ts';
import type { EntryPurpose } from '../entry-model.ts';
import { applyChartTemplate, createDraftEntry, postDraftEntry, postEntry, postNewEntry, reverseEntry } from '../index.ts';
import { type AccountTotalsQuery, accountTotals, planRange } from './account-totals.ts';
import { checkBalances } from './check-balances.ts';

const line = (accountCode: string, side: 'debit' | 'credit', value: string, extra: { costCenter?: string } = {}) => ({
  accountCode,
  [side]: value,
  ...extra,
});

/** The lines-only query accountTotals used before balances existed: the oracle. */
async function totalsFromLines(tx: Tx, companyId: string, names: string[], q: Omit<AccountTotalsQuery, 'baseCurrency'>) {
  const rows = await tx.query<{ account_id: string; debit: string; credit: string }>(
    `SELECT l.account_id, sum(l.debit) AS debit, sum(l.credit) AS credit
       FROM journal_lines l
       JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
      WHERE l.company_id = $1 AND e.status = 'posted' AND l.value_currency = ANY ($2::text[])
        AND ($3::date IS NULL OR e.date >= $3::date) AND ($4::date IS NULL OR e.date <= $4::date)
        AND ($5::text IS NULL OR l.cost_center = $5) AND ($6::text IS NULL OR l.project = $6)
        AND ($7::text IS NULL OR l.department = $7)
        AND NOT (e.purpose = ANY ($8::text[]))
      GROUP BY l.account_id`,
    [
      companyId,
      names,
      q.from ?? null,
      q.to ?? null,
      q.costCenter ?? null,
      q.project ?? null,
      q.department ?? null,
      q.excludePurposes ?? [],
    ],
  );
  return rows.map((r) => ({ accountId: r.account_id, debit: r.debit, credit: r.credit }));
}

const byAccount = <T extends { accountId: string }>(rows: T[]) => [...rows].sort((a, b) => a.accountId.localeCompare(b.accountId));

/** Stored sums of one account (all months), straight from the table. */
async function storedTotal(db: Queryable, companyId: string, code: string) {
  const [row] = await db.query<{ debit: string | null; credit: string | null; rows: number }>(
    `SELECT sum(b.debit)::text AS debit, sum(b.credit)::text AS credit, count(*)::int AS rows
       FROM ledger_balances b JOIN accounts a ON a.company_id = b.company_id AND a.id = b.account_id
      WHERE b.company_id = $1 AND a.code = $2`,
    [companyId, code],
  );
  return row;
}

async function newCompany(db: Database): Promise<ServiceContext> {
  const { company } = await seedCompany(db);
  await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, 'generic'));
  return { db, companyId: company.id, actor: SYSTEM_ACTOR };
}

/**
 * Posts an entry by raw SQL the way an importer might: inserted as posted, lines in a later statement of
 * the same transaction. No audit-chain or sequence lock, so concurrent calls really run side by side.
 */
async function rawPosting(tx: Tx, companyId: string, number: number, date: string, cash: string, other: string, value: string) {
  const [entry] = await tx.query<{ id: string }>(
    `INSERT INTO journal_entries (company_id, id, journal_id, fiscal_year, number, date, status, posted_at)
     SELECT $1, gen_random_uuid(), id, extract(year FROM $3::date), $2, $3, 'posted', now() FROM journals WHERE company_id = $1 AND code = 'BNK'
     RETURNING id`,
    [companyId, number, date],
  );
  await tx.query(
    `INSERT INTO journal_lines (company_id, entry_id, line_no, account_id, debit, credit, currency, amount_currency, value_currency)
     SELECT $1, $2, n, a.id, CASE WHEN n = 1 THEN $5::numeric ELSE 0 END, CASE WHEN n = 2 THEN $5::numeric ELSE 0 END, 'EUR', $5, 'EUR'
       FROM (VALUES (1, $3), (2, $4)) v (n, code) JOIN accounts a ON a.company_id = $1 AND a.code = v.code`,
    [companyId, entry?.id, cash, other, value],
  );
}

describe('planRange', () => {
  it('splits a range into whole months and edge days', () => {
    expect(planRange(undefined, undefined)).toEqual({ months: {}, edges: [] });
    expect(planRange('2025-01-01', '2025-03-31')).toEqual({ months: { first: '2025-01-01', past: '2025-04-01' }, edges: [] });
    expect(planRange('2025-01-15', '2025-03-10')).toEqual({
      months: { first: '2025-02-01', past: '2025-03-01' },
      edges: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-03-01', to: '2025-03-10' },
      ],
    });
    expect(planRange('2024-02-10', '2024-02-29')).toEqual({ months: null, edges: [{ from: '2024-02-10', to: '2024-02-29' }] });
    expect(planRange('2025-03-02', '2025-03-01')).toEqual({ months: null, edges: [] });
    expect(planRange(undefined, '2025-12-30')).toEqual({
      months: { past: '2025-12-01' },
      edges: [{ from: '2025-12-01', to: '2025-12-30' }],
    });
    expect(planRange('2025-12-31', undefined)).toEqual({
      months: { first: '2026-01-01' },
      edges: [{ from: '2025-12-31', to: '2025-12-31' }],
    });
    expect(planRange('2025-02-30', undefined)).toBeNull();
  });
});

describeEachEngine('ledger balances', (use, engine) => {
  let ctx: ServiceContext;

  beforeAll(async () => {
    ctx = await newCompany(use());
  });

  it('follow every way of posting: service, drafts, reversals, raw SQL, bulk statements; drafts and rollbacks do not count', async () => {
    const { db, companyId } = ctx;
    const posted = await postNewEntry(ctx, {
      journalCode: 'GEN',
      date: '2025-01-10',
      lines: [line('1200', 'debit', '100.25'), line('4100', 'credit', '100.25')],
    });
    expect(await storedTotal(db, companyId, '1200')).toMatchObject({ debit: '100.2500000000', credit: '0.0000000000' });
    const draft = await createDraftEntry(ctx, {
      journalCode: 'GEN',
      date: '2025-01-20',
      lines: [line('1200', 'debit', '7'), line('4100', 'credit', '7')],
    });
    expect((await storedTotal(db, companyId, '1200'))?.debit).toBe('100.2500000000');
    await postDraftEntry(ctx, draft.id);
    expect((await storedTotal(db, companyId, '1200'))?.debit).toBe('107.2500000000');
    await reverseEntry(ctx, posted.id, { date: '2025-02-01' });
    expect(await storedTotal(db, companyId, '1200')).toMatchObject({ debit: '107.2500000000', credit: '100.2500000000' });

    // Raw SQL: posted first, lines after; then lines changed and deleted within the posting transaction.
    await db.tenant(companyId, async (tx) => {
      await rawPosting(tx, companyId, 900, '2025-03-05', '1200', '4100', '50');
      await tx.query(
        `UPDATE journal_lines SET debit = debit * 2, credit = credit * 2, amount_currency = amount_currency * 2
          WHERE company_id = $1 AND entry_id = (SELECT id FROM journal_entries WHERE company_id = $1 AND number = 900 AND fiscal_year = 2025)`,
        [companyId],
      );
    });
    expect((await storedTotal(db, companyId, '1200'))?.debit).toBe('207.2500000000');
    await db.tenant(companyId, async (tx) => {
      await rawPosting(tx, companyId, 901, '2025-03-06', '1200', '4100', '30');
      const [entry] = await tx.query<{ id: string }>(
        `SELECT id FROM journal_entries WHERE company_id = $1 AND number = 901 AND fiscal_year = 2025`,
        [companyId],
      );
      await tx.query('DELETE FROM journal_lines WHERE company_id = $1 AND entry_id = $2', [companyId, entry?.id]);
      await tx.query(
        `INSERT INTO journal_lines (company_id, entry_id, line_no, account_id, debit, credit, currency, amount_currency, value_currency)
         SELECT $1, $2, v.n, a.id, v.debit, v.credit, 'EUR', 5, 'EUR'
           FROM (VALUES (1, '1300', 5, 0), (2, '4100', 0, 5)) v (n, code, debit, credit) JOIN accounts a ON a.company_id = $1 AND a.code = v.code`,
        [companyId, entry?.id],
      );
    });
    expect((await storedTotal(db, companyId, '1200'))?.debit).toBe('207.2500000000');
    expect((await storedTotal(db, companyId, '1300'))?.debit).toBe('5.0000000000');

    // A rolled-back posting leaves nothing behind.
    await expect(
      db.tenant(companyId, async (tx) => {
        await postEntry(tx, companyId, SYSTEM_ACTOR, {
          journalCode: 'GEN',
          date: '2025-03-07',
          lines: [line('1200', 'debit', '1'), line('4100', 'credit', '1')],
        });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow(/changed my mind/);
    expect((await storedTotal(db, companyId, '1200'))?.debit).toBe('207.2500000000');

    // A bulk import: 300 drafts with their lines in two statements, posted by a single UPDATE.
    await db.tenant(companyId, async (tx) => {
      await tx.query(
        `INSERT INTO journal_entries (company_id, id, journal_id, fiscal_year, date, purpose)
         SELECT $1, gen_random_uuid(), j.id, 2025, date '2025-04-01' + (i % 60), 'import'
           FROM generate_series(1, 300) i, journals j WHERE j.company_id = $1 AND j.code = 'GEN'`,
        [companyId],
      );
      await tx.query(
        `INSERT INTO journal_lines (company_id, entry_id, line_no, account_id, debit, credit, currency, amount_currency, value_currency)
         SELECT e.company_id, e.id, v.n, a.id, v.debit, v.credit, 'EUR', 0.01, 'EUR'
           FROM journal_entries e, (VALUES (1, '1200', 0.01, 0), (2, '4100', 0, 0.01)) v (n, code, debit, credit)
           JOIN accounts a ON a.company_id = $1 AND a.code = v.code
          WHERE e.company_id = $1 AND e.purpose = 'import'`,
        [companyId],
      );
      expect((await storedTotal(tx, companyId, '1200'))?.debit).toBe('207.2500000000');
      await tx.query(
        `UPDATE journal_entries SET status = 'posted', number = 1000 + n, posted_at = now()
           FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM journal_entries WHERE company_id = $1 AND purpose = 'import') x
          WHERE journal_entries.company_id = $1 AND journal_entries.id = x.id`,
        [companyId],
      );
    });
    expect((await storedTotal(db, companyId, '1200'))?.debit).toBe('210.2500000000');
    const check = await db.tenant(companyId, (tx) => checkBalances(tx, companyId));
    expect(check).toMatchObject({ consistent: true, differences: [], rebuilt: false });
    expect(check.checked).toBeGreaterThan(5);
  });

  describe('accountTotals', () => {
    const codes = ['1100', '1200', '1300', '2100', '4100', '5100', '6100'];
    const purposes: EntryPurpose[] = ['normal', 'opening', 'closing', 'revaluation', 'import'];
    let own: ServiceContext;

    beforeAll(async () => {
      own = await newCompany(use());
      const entryArb = fc.record({
        debit: fc.constantFrom(...codes),
        credit: fc.constantFrom(...codes),
        cents: fc.integer({ min: 1, max: 10_000_000 }),
        month: fc.integer({ min: 0, max: 5 }),
        day: fc.integer({ min: 1, max: 28 }),
        purpose: fc.constantFrom(...purposes),
        costCenter: fc.option(fc.constantFrom('CC1', 'CC2'), { nil: undefined }),
      });
      const entries = fc.sample(entryArb, { numRuns: engine === 'pglite' ? 60 : 40, seed: 20261125 });
      for (const e of entries) {
        const month = new Date(Date.UTC(2025, 10 + e.month, 1)).toISOString().slice(0, 7);
        const value = (e.cents / 100).toFixed(2);
        const extra = e.costCenter ? { costCenter: e.costCenter } : {};
        await own.db.tenant(own.companyId, (tx) =>
          postEntry(
            tx,
            own.companyId,
            SYSTEM_ACTOR,
            {
              journalCode: 'GEN',
              date: `${month}-${String(e.day).padStart(2, '0')}`,
              lines: [line(e.debit, 'debit', value, extra), line(e.credit, 'credit', value)],
            },
            { purpose: e.purpose },
          ),
        );
      }
      // Lines valued as "€" (an imported journal's way of writing EUR) count; lines valued in USD don't.
      await own.db.tenant(own.companyId, async (tx) => {
        for (const [n, currency] of [
          [1, '€'],
          [2, 'USD'],
        ] as const) {
          const [entry] = await tx.query<{ id: string }>(
            `INSERT INTO journal_entries (company_id, id, journal_id, fiscal_year, number, date, status, posted_at)
             SELECT $1, gen_random_uuid(), id, 2025, $2, '2025-12-15', 'posted', now() FROM journals WHERE company_id = $1 AND code = 'OPE'
             RETURNING id`,
            [own.companyId, 800 + n],
          );
          await tx.query(
            `INSERT INTO journal_lines (company_id, entry_id, line_no, account_id, debit, credit, currency, amount_currency, value_currency)
             SELECT $1, $2, v.n, a.id, v.debit, v.credit, $3, 12.5, $3
               FROM (VALUES (1, '1100', 12.5, 0), (2, '2100', 0, 12.5)) v (n, code, debit, credit) JOIN accounts a ON a.company_id = $1 AND a.code = v.code`,
            [own.companyId, entry?.id, currency],
          );
        }
      });
    }, 120_000);

    it('gives exactly what the lines give, for any range, purposes left out and dimension', async () => {
      const day = fc.record({ month: fc.integer({ min: -1, max: 7 }), day: fc.integer({ min: 1, max: 31 }) }).map(({ month, day }) => {
        const first = new Date(Date.UTC(2025, 9 + month, 1));
        const last = new Date(Date.UTC(2025, 10 + month, 0)).getUTCDate();
        return `${first.toISOString().slice(0, 8)}${String(Math.min(day, last)).padStart(2, '0')}`;
      });
      const queryArb = fc.record({
        from: fc.option(day, { nil: undefined }),
        to: fc.option(day, { nil: undefined }),
        excludePurposes: fc.subarray(purposes),
        costCenter: fc.option(fc.constantFrom('CC1', 'CC2'), { nil: undefined }),
      });
      let nonEmpty = 0;
      await fc.assert(
        fc.asyncProperty(queryArb, async (q) => {
          const query = { ...q, costCenter: q.costCenter && q.from ? q.costCenter : undefined };
          await own.db.tenant(own.companyId, async (tx) => {
            const actual = await accountTotals(tx, own.companyId, { baseCurrency: 'EUR', ...query });
            const expected = await totalsFromLines(tx, own.companyId, ['EUR', '€'], query);
            expect(byAccount(actual)).toEqual(byAccount(expected));
            if (expected.length > 0) nonEmpty += 1;
          });
        }),
        {
          numRuns: engine === 'pglite' ? 150 : 80,
          examples: [[{ from: undefined, to: undefined, excludePurposes: [], costCenter: undefined }]],
        },
      );
      expect(nonEmpty).toBeGreaterThan(20);
      const all = await own.db.tenant(own.companyId, (tx) => accountTotals(tx, own.companyId, { baseCurrency: 'EUR' }));
      const cashAccount = await own.db.query<{ id: string }>(`SELECT id FROM accounts WHERE company_id = $1 AND code = '1100'`, [
        own.companyId,
      ]);
      expect(all.find((t) => t.accountId === cashAccount[0]?.id)?.debit).toMatch(/^\d+\.\d{10}$/);
    }, 120_000);
  });

  describe('check and rebuild', () => {
    it('reports a corrupted, missing or invented balance row with stored and computed sums, and rebuild fixes it (audited)', async () => {
      const own = await newCompany(use());
      const { db, companyId } = own;
      await postNewEntry(own, {
        journalCode: 'GEN',
        date: '2025-05-10',
        lines: [line('1200', 'debit', '40'), line('4100', 'credit', '40')],
      });
      await postNewEntry(own, {
        journalCode: 'GEN',
        date: '2025-06-10',
        lines: [line('1300', 'debit', '15.5'), line('4100', 'credit', '15.5')],
      });
      await db.system(async (tx) => {
        await tx.query(
          `UPDATE ledger_balances SET debit = debit + 0.0000000001 WHERE company_id = $1 AND account_id = (SELECT id FROM accounts WHERE company_id = $1 AND code = '1200')`,
          [companyId],
        );
        await tx.query(
          `DELETE FROM ledger_balances WHERE company_id = $1 AND account_id = (SELECT id FROM accounts WHERE company_id = $1 AND code = '1300')`,
          [companyId],
        );
        await tx.query(
          `INSERT INTO ledger_balances (company_id, month, account_id, value_currency, currency, purpose, debit, credit, quantity_debit, quantity_credit)
           SELECT $1, '2019-07-01', id, 'EUR', 'EUR', 'closing', 3, 0, 3, 0 FROM accounts WHERE company_id = $1 AND code = '5100'`,
          [companyId],
        );
      });
      const found = await db.tenant(companyId, (tx) => checkBalances(tx, companyId));
      expect(found.consistent).toBe(false);
      expect(found.differences.map((d) => [d.accountCode, d.month, d.valueCurrency, d.purpose, d.stored, d.computed])).toEqual([
        [
          '5100',
          '2019-07',
          'EUR',
          'closing',
          { debit: '3.0000000000', credit: '0.0000000000', quantityDebit: '3.0000000000', quantityCredit: '0.0000000000' },
          { debit: '0.0000000000', credit: '0.0000000000', quantityDebit: '0.0000000000', quantityCredit: '0.0000000000' },
        ],
        [
          '1200',
          '2025-05',
          'EUR',
          'normal',
          { debit: '40.0000000001', credit: '0.0000000000', quantityDebit: '40.0000000000', quantityCredit: '0.0000000000' },
          { debit: '40.0000000000', credit: '0.0000000000', quantityDebit: '40.0000000000', quantityCredit: '0.0000000000' },
        ],
        [
          '1300',
          '2025-06',
          'EUR',
          'normal',
          { debit: '0.0000000000', credit: '0.0000000000', quantityDebit: '0.0000000000', quantityCredit: '0.0000000000' },
          { debit: '15.5000000000', credit: '0.0000000000', quantityDebit: '15.5000000000', quantityCredit: '0.0000000000' },
        ],
      ]);

      const fixed = await db.tenant(companyId, (tx) => checkBalances(tx, companyId, { rebuild: true, actor: SYSTEM_ACTOR }));
      expect(fixed).toMatchObject({ consistent: false, rebuilt: true });
      expect(fixed.differences).toEqual(found.differences);
      expect(await db.tenant(companyId, (tx) => checkBalances(tx, companyId))).toMatchObject({ consistent: true, differences: [] });
      const [audit] = await db.query<{ action: string; before: unknown[] }>(
        `SELECT action, before FROM audit_events WHERE company_id = $1 AND action = 'ledger.balances.rebuilt'`,
        [companyId],
      );
      expect(audit?.before).toHaveLength(3);
      await db.tenant(companyId, async (tx) => {
        expect(byAccount(await accountTotals(tx, companyId, { baseCurrency: 'EUR' }))).toEqual(
          byAccount(await totalsFromLines(tx, companyId, ['EUR'], {})),
        );
      });
      // Later postings fold the correction rows in.
      await postNewEntry(own, { journalCode: 'GEN', date: '2025-05-11', lines: [line('1200', 'debit', '1'), line('4100', 'credit', '1')] });
      expect(await storedTotal(db, companyId, '1200')).toMatchObject({ debit: '41.0000000000', rows: 1 });
    });

    it('answers GET /api/v1/ledger/balances/check for readers', async () => {
      const db = use();
      const { company, user } = await seedCompany(db);
      await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, 'generic'));
      await postNewEntry(
        { db, companyId: company.id, actor: SYSTEM_ACTOR },
        { journalCode: 'GEN', date: '2025-05-10', lines: [line('1200', 'debit', '2'), line('4100', 'credit', '2')] },
      );
      const app = await testApp(db);
      try {
        const session = await signIn(app, user.email);
        const ok = await app.inject({ method: 'GET', url: '/api/v1/ledger/balances/check', headers: session.headers });
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toEqual({ consistent: true, checked: 2, differences: [], rebuilt: false });
        await db.system((tx) => tx.query('UPDATE ledger_balances SET credit = credit + 1 WHERE company_id = $1', [company.id]));
        const bad = await app.inject({ method: 'GET', url: '/api/v1/ledger/balances/check', headers: session.headers });
        expect(bad.json()).toMatchObject({
          consistent: false,
          differences: [{ accountCode: '1200', month: '2025-05' }, { accountCode: '4100' }],
        });
        expect((await app.inject({ method: 'GET', url: '/api/v1/ledger/balances/check' })).statusCode).toBe(401);
      } finally {
        await app.close();
      }
    });
  });

  it('survive backup and restore: restored as copied, equal to the lines, and maintained afterwards', async () => {
    const { db, companyId } = ctx;
    const before = await db.query<{ j: string }>(
      `SELECT row_to_json(b)::text AS j FROM ledger_balances b WHERE company_id = $1 ORDER BY 1`,
      [companyId],
    );
    expect(before.length).toBeGreaterThan(3);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balances-backup-'));
    const target = await freshDatabase(engine);
    try {
      await backupTo(db, path.join(dir, 'b.gz'));
      await restoreFrom(target, path.join(dir, 'b.gz'));
      const after = await target.query<{ j: string }>(
        `SELECT row_to_json(b)::text AS j FROM ledger_balances b WHERE company_id = $1 ORDER BY 1`,
        [companyId],
      );
      expect(after).toEqual(before);
      expect(await target.tenant(companyId, (tx) => checkBalances(tx, companyId))).toMatchObject({ consistent: true });
      const restored = { ...ctx, db: target };
      await postNewEntry(restored, {
        journalCode: 'GEN',
        date: '2025-01-11',
        lines: [line('1200', 'debit', '1'), line('4100', 'credit', '1')],
      });
      expect((await storedTotal(target, companyId, '1200'))?.debit).toBe('211.2500000000');
      expect(await target.tenant(companyId, (tx) => checkBalances(tx, companyId))).toMatchObject({ consistent: true });
      // The restore flag is the restore's alone: the app's role can't switch maintenance off with it.
      await target.tenant(companyId, async (tx) => {
        await tx.query(`SELECT set_config('app.restoring', 'on', true)`);
        await postEntry(tx, companyId, SYSTEM_ACTOR, {
          journalCode: 'GEN',
          date: '2025-01-12',
          lines: [line('1200', 'debit', '1'), line('4100', 'credit', '1')],
        });
      });
      expect(await target.tenant(companyId, (tx) => checkBalances(tx, companyId))).toMatchObject({ consistent: true });
    } finally {
      await target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  if (engine === 'postgres') {
    describe('hot account (PostgreSQL)', () => {
      it('a posting to the cash account does not wait for another one still open', async () => {
        const own = await newCompany(use());
        const { db, companyId } = own;
        let release: () => void = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let firstPosted: () => void = () => {};
        const posted = new Promise<void>((resolve) => {
          firstPosted = resolve;
        });
        const first = db.tenant(companyId, async (tx) => {
          await rawPosting(tx, companyId, 1, '2025-07-01', '1100', '4100', '10');
          firstPosted();
          await gate;
        });
        await posted;
        const second = db.tenant(companyId, (tx) => rawPosting(tx, companyId, 2, '2025-07-02', '1100', '4100', '20'));
        const outcome = await Promise.race([second.then(() => 'committed'), new Promise((r) => setTimeout(() => r('waiting'), 5_000))]);
        release();
        await first;
        await second;
        expect(outcome).toBe('committed');
        expect(await storedTotal(db, companyId, '1100')).toMatchObject({ debit: '30.0000000000', rows: 2 });
        // The next posting folds both rows into one.
        await db.tenant(companyId, (tx) => rawPosting(tx, companyId, 3, '2025-07-03', '1100', '4100', '5'));
        expect(await storedTotal(db, companyId, '1100')).toMatchObject({ debit: '35.0000000000', rows: 1 });
      }, 30_000);

      it('loses no update under hundreds of parallel postings to one account', async () => {
        const own = await newCompany(use());
        const { db, companyId } = own;
        const raw = Array.from({ length: 300 }, (_, i) =>
          db.tenant(companyId, (tx) =>
            rawPosting(tx, companyId, i + 1, `2025-08-${String((i % 3) + 1).padStart(2, '0')}`, '1100', i % 2 ? '4100' : '2100', '1.01'),
          ),
        );
        const service = Array.from({ length: 40 }, () =>
          postNewEntry(own, { journalCode: 'GEN', date: '2025-08-02', lines: [line('1100', 'debit', '2'), line('4100', 'credit', '2')] }),
        );
        await Promise.all([...raw, ...service]);
        expect((await storedTotal(db, companyId, '1100'))?.debit).toBe('383.0000000000');
        const check = await db.tenant(companyId, (tx) => checkBalances(tx, companyId));
        expect(check).toMatchObject({ consistent: true, differences: [] });
        const [rows] = await db.query<{ n: number }>(
          `SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM ledger_balances WHERE company_id = $1 GROUP BY month, account_id, value_currency, purpose) x`,
          [companyId],
        );
        // Rows per account-month stay near the number of postings in flight, far below the postings made.
        expect(rows?.n).toBeLessThanOrEqual(10);
      }, 60_000);
    });
  }
});
