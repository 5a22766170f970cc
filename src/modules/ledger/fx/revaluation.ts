import { z } from 'zod';
import type { Actor } from '../../../platform/audit/actor.ts';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { text } from '../../../platform/http/schemas.ts';
import { assertOpenPeriod, type Books, fiscalYearOf, loadBooksForPosting, numberAndPost } from '../entry-lines.ts';
import { type Entry, entrySchema, loadEntry } from '../entry-model.ts';
import { fromValueUnits, toValueUnits } from '../money.ts';
import { findJournal, insertDraft } from '../post-entry.ts';
import { validate } from '../validate.ts';
import { lookUpRate, type RateAt } from './exchange-rates.ts';
import { type FxAccount, resolveFxAccounts } from './fx-accounts.ts';
import { amountToValueUnits, baseValueOf } from './fx-math.ts';

export const revaluationInput = z.strictObject({
  date: z.iso.date(),
  /** The accounts to revalue; every asset or liability account holding foreign-currency lines when left out. */
  accountIds: z.array(z.uuid()).min(1).max(500).optional(),
  gainAccountId: z.uuid().optional(),
  lossAccountId: z.uuid().optional(),
  memo: text(500).optional(),
});
export type RevaluationInput = z.input<typeof revaluationInput>;

/** The preview's query: the same fields, account ids comma-separated. */
export const revaluationQuery = z.strictObject({
  date: z.iso.date(),
  accountIds: z
    .string()
    .max(20_000)
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : undefined))
    .pipe(z.array(z.uuid()).min(1).max(500).optional()),
  gainAccountId: z.uuid().optional(),
  lossAccountId: z.uuid().optional(),
});

const fxAccountSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const revaluationRowSchema = z.object({
  accountId: z.uuid(),
  accountCode: z.string(),
  accountName: z.string(),
  currency: z.string(),
  /** Signed (debit positive) sum of the account's amounts in `currency` at the date. */
  foreignBalance: z.string(),
  /** What those amounts are worth in the books now: their base values plus earlier revaluations. */
  baseValue: z.string(),
  rate: z.string(),
  rateDate: z.string(),
  /** foreignBalance × rate, rounded half-up to 4 decimals. */
  revaluedValue: z.string(),
  /** revaluedValue − baseValue: positive is a gain on an asset / a smaller debt, negative a loss. */
  difference: z.string(),
});
export type RevaluationRow = z.infer<typeof revaluationRowSchema>;

export const revaluationPreviewSchema = z.object({
  date: z.string(),
  reversalDate: z.string(),
  rows: z.array(revaluationRowSchema),
  totalGain: z.string(),
  totalLoss: z.string(),
  gainAccount: fxAccountSchema.nullable(),
  lossAccount: fxAccountSchema.nullable(),
});
export type RevaluationPreview = z.infer<typeof revaluationPreviewSchema>;

export const revaluationResultSchema = revaluationPreviewSchema.extend({ entry: entrySchema, reversal: entrySchema });
export type RevaluationResult = z.infer<typeof revaluationResultSchema>;

/** The calendar day after an ISO date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

interface Holding {
  account_id: string;
  code: string;
  name: string;
  currency: string;
  foreign_balance: string;
  base_value: string;
}

/**
 * Each (account, foreign currency) holding at a date: the signed foreign amount of its lines, and their base
 * value plus the revaluation lines (and their reversals) that adjusted that very holding up to the date.
 * Only lines valued in the base currency count: an imported journal's line valued in another currency has
 * no base value to revalue. Archived accounts are left out: they take no postings.
 */
async function holdingsAt(tx: Tx, companyId: string, books: Books, date: string, accountIds: readonly string[] | null): Promise<Holding[]> {
  return tx.query<Holding>(
    `WITH own AS (
       SELECT l.account_id, l.currency,
              sum(CASE WHEN l.debit > 0 THEN l.amount_currency ELSE -l.amount_currency END) AS foreign_balance,
              sum(l.debit - l.credit) AS base_value
         FROM journal_lines l JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
        WHERE l.company_id = $1 AND e.status = 'posted' AND e.date <= $2::date AND l.currency <> $3 AND l.value_currency = $3
          AND ($4::uuid[] IS NULL OR l.account_id = ANY ($4::uuid[]))
        GROUP BY l.account_id, l.currency
     ), adjusted AS (
       SELECT r.account_id, r.currency, sum(l.debit - l.credit) AS base_value
         FROM fx_revaluation_lines r
         JOIN journal_lines l ON l.company_id = r.company_id AND l.entry_id = r.entry_id AND l.line_no = r.line_no
         JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
        WHERE r.company_id = $1 AND e.status = 'posted' AND e.date <= $2::date
          AND ($4::uuid[] IS NULL OR r.account_id = ANY ($4::uuid[]))
        GROUP BY r.account_id, r.currency
     )
     SELECT o.account_id, a.code, a.name, o.currency, o.foreign_balance::text AS foreign_balance,
            (o.base_value + coalesce(d.base_value, 0))::text AS base_value
       FROM own o
       JOIN accounts a ON a.company_id = $1 AND a.id = o.account_id
       LEFT JOIN adjusted d ON d.account_id = o.account_id AND d.currency = o.currency
      WHERE a.type IN ('asset', 'liability') AND a.archived_at IS NULL
      ORDER BY a.code COLLATE "C", o.currency COLLATE "C"`,
    [companyId, date, books.baseCurrency, accountIds],
  );
}

async function checkAccounts(tx: Tx, companyId: string, ids: readonly string[]): Promise<void> {
  const rows = await tx.query<{ id: string; code: string; type: string; archived: boolean }>(
    'SELECT id, code, type, archived_at IS NOT NULL AS archived FROM accounts WHERE company_id = $1 AND id = ANY ($2::uuid[])',
    [companyId, ids],
  );
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const row = rows.find((r) => r.id === id);
    if (!row) errors.push({ path: `accountIds.${i}`, message: 'is not an account of this company' });
    else if (row.archived) errors.push({ path: `accountIds.${i}`, message: `account ${row.code} is archived and takes no postings` });
    else if (row.type !== 'asset' && row.type !== 'liability') {
      errors.push({
        path: `accountIds.${i}`,
        message: `account ${row.code} is ${row.type}; only asset and liability accounts are revalued`,
      });
    }
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some accounts cannot be revalued', errors);
}

interface Plan extends RevaluationPreview {
  books: Books;
  gain?: FxAccount;
  loss?: FxAccount;
}

/** Works out the revaluation at a date, refusing as posting it would (lock, rates, accounts). */
async function planRevaluation(tx: Tx, companyId: string, actor: Actor, input: z.output<typeof revaluationInput>): Promise<Plan> {
  const books = await loadBooksForPosting(tx, companyId, actor);
  const reversalDate = nextDay(input.date);
  assertOpenPeriod(input.date, books);
  if (input.accountIds) await checkAccounts(tx, companyId, input.accountIds);
  const holdings = await holdingsAt(tx, companyId, books, input.date, input.accountIds ?? null);
  const rates = new Map<string, RateAt>();
  const missing: FieldError[] = [];
  for (const currency of [...new Set(holdings.map((h) => h.currency))]) {
    const found = await lookUpRate(tx, companyId, books.baseCurrency, currency, input.date);
    if ('found' in found) rates.set(currency, found.found);
    else missing.push({ path: 'date', message: found.missing });
  }
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Missing exchange rates at ${input.date}`, missing);
  }
  let gainUnits = 0n;
  let lossUnits = 0n;
  const rows: RevaluationRow[] = [];
  for (const h of holdings) {
    const rate = rates.get(h.currency) as RateAt;
    const foreign = toValueUnits(h.foreign_balance);
    const current = toValueUnits(h.base_value);
    if (foreign === 0n && current === 0n) continue;
    const revalued = amountToValueUnits(baseValueOf(foreign, toValueUnits(rate.rate)));
    const difference = revalued - current;
    if (difference > 0n) gainUnits += difference;
    else lossUnits -= difference;
    rows.push({
      accountId: h.account_id,
      accountCode: h.code,
      accountName: h.name,
      currency: h.currency,
      foreignBalance: fromValueUnits(foreign),
      baseValue: fromValueUnits(current),
      rate: rate.rate,
      rateDate: rate.date,
      revaluedValue: fromValueUnits(revalued),
      difference: fromValueUnits(difference),
    });
  }
  const accounts = await resolveFxAccounts(tx, companyId, input, { gain: gainUnits > 0n, loss: lossUnits > 0n });
  return {
    books,
    date: input.date,
    reversalDate,
    rows,
    totalGain: fromValueUnits(gainUnits),
    totalLoss: fromValueUnits(lossUnits),
    gainAccount: accounts.gain ?? null,
    lossAccount: accounts.loss ?? null,
    ...accounts,
  };
}

const publicPreview = ({ books: _books, gain: _gain, loss: _loss, ...preview }: Plan): RevaluationPreview => preview;

/** What revaluing at a date would post; refuses as posting would. Writes nothing. */
export async function previewRevaluation(ctx: ServiceContext, raw: RevaluationInput): Promise<RevaluationPreview> {
  const input = validate(revaluationInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => publicPreview(await planRevaluation(tx, ctx.companyId, ctx.actor, input)));
}

interface PlannedLine {
  accountId: string;
  description: string;
  /** Signed, in 10^-10 units: positive is a debit. */
  amount: bigint;
  holding?: { currency: string; foreignBalance: string; rate: string };
}

/**
 * The entry's lines. A holding's line is a base-currency line on the revalued account (currency = base,
 * amount = the difference): a revaluation changes what the foreign amount is worth, never the foreign amount,
 * and the line model has no "value without quantity" line for a foreign currency (a USD line needs a USD
 * amount > 0). Booking the difference in the base currency keeps the account's USD balance exactly as it was
 * and its base balance exactly at the revalued value; fx_revaluation_lines records which holding it adjusts.
 * Gains and losses are posted gross, one line each, so the report shows both.
 */
function plannedLines(plan: Plan): PlannedLine[] {
  const lines: PlannedLine[] = plan.rows
    .filter((r) => toValueUnits(r.difference) !== 0n)
    .map((r) => ({
      accountId: r.accountId,
      description: `Revaluation of ${r.currency} ${r.foreignBalance} at ${r.rate}`,
      amount: toValueUnits(r.difference),
      holding: { currency: r.currency, foreignBalance: r.foreignBalance, rate: r.rate },
    }));
  const gain = toValueUnits(plan.totalGain);
  const loss = toValueUnits(plan.totalLoss);
  if (gain > 0n && plan.gain) lines.push({ accountId: plan.gain.id, description: 'Unrealized exchange gain', amount: -gain });
  if (loss > 0n && plan.loss) lines.push({ accountId: plan.loss.id, description: 'Unrealized exchange loss', amount: loss });
  return lines;
}

async function insertRevaluationLines(
  tx: Tx,
  companyId: string,
  books: Books,
  entryId: string,
  lines: readonly PlannedLine[],
): Promise<void> {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  await tx.query(
    `INSERT INTO journal_lines (company_id, entry_id, value_currency, currency, rate, line_no, account_id, description, debit, credit, amount_currency)
     SELECT $1, $2, $3, $3, 1, u.* FROM unnest($4::int[], $5::uuid[], $6::text[], $7::numeric[], $8::numeric[], $9::numeric[])
       AS u (line_no, account_id, description, debit, credit, amount_currency)`,
    [
      companyId,
      entryId,
      books.baseCurrency,
      lines.map((_, i) => i + 1),
      lines.map((l) => l.accountId),
      lines.map((l) => l.description),
      lines.map((l) => fromValueUnits(l.amount > 0n ? l.amount : 0n)),
      lines.map((l) => fromValueUnits(l.amount < 0n ? -l.amount : 0n)),
      lines.map((l) => fromValueUnits(abs(l.amount))),
    ],
  );
  const held = lines.flatMap((l, i) => (l.holding ? [{ lineNo: i + 1, accountId: l.accountId, ...l.holding }] : []));
  await recordHoldings(tx, companyId, entryId, held);
}

async function recordHoldings(
  tx: Tx,
  companyId: string,
  entryId: string,
  held: readonly { lineNo: number; accountId: string; currency: string; foreignBalance: string; rate: string }[],
): Promise<void> {
  await tx.query(
    `INSERT INTO fx_revaluation_lines (company_id, entry_id, line_no, account_id, currency, foreign_balance, rate)
     SELECT $1, $2, u.* FROM unnest($3::int[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[])
       AS u (line_no, account_id, currency, foreign_balance, rate)`,
    [
      companyId,
      entryId,
      held.map((h) => h.lineNo),
      held.map((h) => h.accountId),
      held.map((h) => h.currency),
      held.map((h) => h.foreignBalance),
      held.map((h) => h.rate),
    ],
  );
}

/**
 * Posts the unrealized revaluation at a date as one GEN entry (purpose `revaluation`) and its reversal dated
 * the next day (linked by reversal_of, as reverseEntry links), in one transaction: the books show the
 * revalued balances on the date only, and the next revaluation starts again from the historical values.
 */
export async function postRevaluation(ctx: ServiceContext, raw: RevaluationInput): Promise<RevaluationResult> {
  const input = validate(revaluationInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const plan = await planRevaluation(tx, ctx.companyId, ctx.actor, input);
    const lines = plannedLines(plan);
    if (lines.length === 0) {
      throw new AppError('INVALID_STATE', `Nothing to revalue at ${input.date}: every foreign balance is already at its rate`, [
        { path: 'date', message: 'no foreign balance differs from its value at this date' },
      ]);
    }
    assertOpenPeriod(plan.reversalDate, plan.books);
    const journal = await findJournal(tx, ctx.companyId, 'GEN');
    const memo = input.memo ?? `Unrealized exchange differences at ${input.date}`;
    const entryId = await insertDraft(
      tx,
      ctx.companyId,
      plan.books,
      { journalId: journal.id, date: input.date, memo, purpose: 'revaluation' },
      [],
    );
    await insertRevaluationLines(tx, ctx.companyId, plan.books, entryId, lines);
    await numberAndPost(tx, ctx.companyId, entryId, journal.id, fiscalYearOf(input.date, plan.books.fiscalYearStartMonth));
    const entry = (await loadEntry(tx, ctx.companyId, entryId)) as Entry;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.entry.posted',
      entityType: 'journal_entry',
      entityId: entryId,
      after: entry,
    });

    const reversalId = await insertDraft(
      tx,
      ctx.companyId,
      plan.books,
      {
        journalId: journal.id,
        date: plan.reversalDate,
        memo: `Reversal of ${entry.journalCode} ${entry.fiscalYear}/${entry.number}`,
        reversalOf: entryId,
        purpose: 'revaluation',
      },
      [],
    );
    // The mirror image of the revaluation, copied exactly as reverseEntry copies, holdings included.
    await tx.query(
      `INSERT INTO journal_lines (company_id, entry_id, line_no, account_id, description, debit, credit, currency, amount_currency, rate,
                                 value_currency, cost_center, project, department)
       SELECT company_id, $3, line_no, account_id, description, credit, debit, currency, amount_currency, rate,
              value_currency, cost_center, project, department
         FROM journal_lines WHERE company_id = $1 AND entry_id = $2`,
      [ctx.companyId, entryId, reversalId],
    );
    await tx.query(
      `INSERT INTO fx_revaluation_lines (company_id, entry_id, line_no, account_id, currency, foreign_balance, rate)
       SELECT company_id, $3, line_no, account_id, currency, foreign_balance, rate FROM fx_revaluation_lines WHERE company_id = $1 AND entry_id = $2`,
      [ctx.companyId, entryId, reversalId],
    );
    await numberAndPost(tx, ctx.companyId, reversalId, journal.id, fiscalYearOf(plan.reversalDate, plan.books.fiscalYearStartMonth));
    const reversal = (await loadEntry(tx, ctx.companyId, reversalId)) as Entry;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.entry.reversed',
      entityType: 'journal_entry',
      entityId: reversalId,
      before: { reversalOf: entryId },
      after: reversal,
    });
    return { ...publicPreview(plan), entry: (await loadEntry(tx, ctx.companyId, entryId)) as Entry, reversal };
  });
}
