import fc from 'fast-check';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { count, seedCompany } from '../../../platform/testing/http.ts';
import {
  applyChartTemplate,
  closeFiscalYear,
  fromUnits,
  listFiscalYears,
  postNewEntry,
  reopenFiscalYear,
  reverseEntry,
  toUnits,
  trialBalance,
} from '../index.ts';

const YEARS = [2020, 2021, 2022, 2023] as const;
const CODES = ['1200', '1300', '2100', '4100', '4200', '6100', '6300'] as const;
/** The generic chart's income (41xx, 42xx) and expense (61xx, 63xx) accounts among those used. */
const PROFIT_AND_LOSS: readonly string[] = ['4100', '4200', '6100', '6300'];

const action = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('post' as const),
      year: fc.constantFrom(...YEARS),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      accounts: fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 2, maxLength: 2 }),
      units: fc.bigInt({ min: 1n, max: 10n ** 10n }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('close' as const), year: fc.constantFrom(...YEARS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), year: fc.constantFrom(...YEARS) }) },
);

/** What the test believes about the books, kept independently of the ledger's own answers. */
interface Posting {
  id: string;
  year: number;
  date: string;
  /** What it adds to the year's result (credits minus debits on income and expense accounts), in units of 1/10,000. */
  result: bigint;
  reversible: boolean;
}

async function attempt<T>(ctx: ServiceContext, expectOk: boolean, run: () => Promise<T>): Promise<T | null> {
  const where = 'company_id = $1';
  const before = [
    await count(ctx.db, 'journal_entries', where, [ctx.companyId]),
    await count(ctx.db, 'audit_events', where, [ctx.companyId]),
  ];
  const outcome = await run().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('error' in outcome) {
    if (expectOk || !(outcome.error instanceof AppError)) throw outcome.error;
    const after = [
      await count(ctx.db, 'journal_entries', where, [ctx.companyId]),
      await count(ctx.db, 'audit_events', where, [ctx.companyId]),
    ];
    expect(after, 'a refused operation writes nothing').toEqual(before);
    return null;
  }
  expect(expectOk, 'the ledger accepted what the rules refuse').toBe(true);
  return outcome.value;
}

describeEachEngine('year-end close (property)', (use, engine) => {
  it('keeps entries balanced, closed years empty of income and expense, and each result in retained earnings once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
        const db = use();
        const { company } = await seedCompany(db);
        await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, 'generic'));
        const ctx: ServiceContext = { db, companyId: company.id, actor: SYSTEM_ACTOR };
        const postings: Posting[] = [];
        const closed = new Set<number>();
        const lock = () => (closed.size === 0 ? null : `${Math.max(...closed)}-12-31`);
        const open = (date: string) => {
          const locked = lock();
          return locked === null || date > locked;
        };

        for (const a of actions) {
          if (a.kind === 'post') {
            const date = `${a.year}-${String(a.month).padStart(2, '0')}-${String(a.day).padStart(2, '0')}`;
            const [debit, credit] = a.accounts as [string, string];
            const value = fromUnits(a.units);
            const posted = await attempt(ctx, open(date), () =>
              postNewEntry(ctx, {
                journalCode: 'GEN',
                date,
                lines: [
                  { accountCode: debit, debit: value },
                  { accountCode: credit, credit: value },
                ],
              }),
            );
            const result = (PROFIT_AND_LOSS.includes(credit) ? a.units : 0n) - (PROFIT_AND_LOSS.includes(debit) ? a.units : 0n);
            if (posted) postings.push({ id: posted.id, year: a.year, date, result, reversible: true });
          } else if (a.kind === 'reverse') {
            const candidates = postings.filter((p) => p.reversible);
            const original = candidates[a.pick % Math.max(candidates.length, 1)];
            if (!original) continue;
            const reversal = await attempt(ctx, open(original.date), () => reverseEntry(ctx, original.id));
            if (reversal) {
              original.reversible = false;
              postings.push({ id: reversal.id, year: original.year, date: original.date, result: -original.result, reversible: false });
            }
          } else if (a.kind === 'close') {
            const closable =
              !closed.has(a.year) &&
              [...closed].every((y) => y < a.year) &&
              postings.filter((p) => p.year < a.year).every((p) => closed.has(p.year));
            if (await attempt(ctx, closable, () => closeFiscalYear(ctx, a.year))) closed.add(a.year);
          } else {
            const reopenable = closed.has(a.year) && [...closed].every((y) => y <= a.year);
            if (await attempt(ctx, reopenable, () => reopenFiscalYear(ctx, a.year))) closed.delete(a.year);
          }
        }

        const yearResult = (year: number) => postings.filter((p) => p.year === year).reduce((sum, p) => sum + p.result, 0n);
        const unbalanced = await db.query(
          `SELECT l.entry_id FROM journal_lines l JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
            WHERE l.company_id = $1 AND e.status = 'posted' GROUP BY l.entry_id HAVING sum(l.debit) <> sum(l.credit)`,
          [company.id],
        );
        expect(unbalanced).toEqual([]);
        const all = await trialBalance(ctx);
        expect(all.totals.debit).toBe(all.totals.credit);

        for (const year of closed) {
          const within = await trialBalance(ctx, { from: `${year}-01-01`, to: `${year}-12-31` });
          for (const row of within.rows.filter((r) => PROFIT_AND_LOSS.includes(r.code)))
            expect(row.balance, `${row.code} in ${year}`).toBe('0.00');
        }
        const retained = all.rows.find((r) => r.code === '3200');
        const expectedRetained = [...closed].reduce((sum, y) => sum + yearResult(y), 0n);
        expect(retained ? -toUnits(retained.balance) : 0n).toBe(expectedRetained);

        const listed = await listFiscalYears(ctx);
        for (const year of YEARS) {
          const shown = listed.find((y) => y.year === year);
          if (postings.some((p) => p.year === year) || closed.has(year)) {
            expect(shown?.status).toBe(closed.has(year) ? 'closed' : 'open');
            expect(shown ? toUnits(shown.result) : null).toBe(yearResult(year));
          }
        }
      }),
      { numRuns: engine === 'pglite' ? 30 : 15 },
    );
  }, 180_000);
});
