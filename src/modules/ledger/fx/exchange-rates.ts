import { z } from 'zod';
import { appendAudit } from '../../../platform/audit/append.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { currency } from '../../../platform/http/schemas.ts';
import { decodeCursor, type Page, pageQuery, toPage } from '../../../platform/pagination.ts';
import { loadBooks } from '../entry-lines.ts';
import { formatRate, rate, toValueUnits } from '../money.ts';
import { validate } from '../validate.ts';
import { invertRateExactly } from './fx-math.ts';

export const RATE_SOURCES = ['manual', 'csv', 'journal'] as const;

/** One rate: one unit of `currency` is worth `rate` units of `quote`, from `date` on. */
export const exchangeRateSchema = z.object({
  currency: z.string(),
  quote: z.string(),
  date: z.string(),
  rate: z.string(),
  source: z.enum(RATE_SOURCES),
  createdAt: z.date(),
});
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;

/** The set/edit form and PUT body; `quote` is the company's base currency when left out. */
export const setRateInput = z
  .strictObject({ currency, quote: currency.optional(), date: z.iso.date(), rate })
  .refine((r) => r.quote === undefined || r.quote !== r.currency, { path: ['quote'], message: 'must differ from the currency' });
export type SetRateInput = z.input<typeof setRateInput>;

export const listRatesQuery = z.strictObject({
  ...pageQuery,
  /** Rates of this currency, on either side of the pair. */
  currency: z.string().min(1).max(40).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type ListRatesQuery = z.output<typeof listRatesQuery>;

/** Names one stored rate; commodities of imported journals ("ACME Corp") may be any text. */
export const rateKey = z.strictObject({
  currency: z.string().min(1).max(40),
  quote: z.string().min(1).max(40),
  date: z.iso.date(),
});
export type RateKey = z.infer<typeof rateKey>;

interface RateRow {
  commodity: string;
  quote: string;
  date: string;
  rate: string;
  source: ExchangeRate['source'];
  created_at: Date;
}

const SELECT_RATE = `SELECT commodity, quote, date::text AS date, rate::text AS rate, source, created_at FROM exchange_rates`;

const toRate = (r: RateRow): ExchangeRate => ({
  currency: r.commodity,
  quote: r.quote,
  date: r.date,
  rate: formatRate(r.rate),
  source: r.source,
  createdAt: r.created_at,
});

async function readRate(tx: Tx, companyId: string, key: RateKey): Promise<ExchangeRate | undefined> {
  const [row] = await tx.query<RateRow>(`${SELECT_RATE} WHERE company_id = $1 AND commodity = $2 AND quote = $3 AND date = $4::date`, [
    companyId,
    key.currency,
    key.quote,
    key.date,
  ]);
  return row && toRate(row);
}

/** Rates, newest date first (then by pair), filtered by currency and dates. */
export async function listRates(ctx: ServiceContext, query: ListRatesQuery): Promise<Page<ExchangeRate>> {
  const after = decodeCursor(query.cursor, 3);
  const params: unknown[] = [ctx.companyId];
  const where = ['company_id = $1'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (query.currency) add((n) => `(commodity = $${n} OR quote = $${n})`, query.currency);
  if (query.from) add((n) => `date >= $${n}::date`, query.from);
  if (query.to) add((n) => `date <= $${n}::date`, query.to);
  if (after) {
    params.push(after[0], after[1], after[2]);
    const n = params.length;
    // Newest date first, then pair ascending: one keyset comparison per direction.
    where.push(`(date < $${n - 2}::date OR (date = $${n - 2}::date AND (commodity, quote) > ($${n - 1}, $${n})))`);
  }
  params.push(query.limit + 1);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const rows = await tx.query<RateRow>(
      `${SELECT_RATE} WHERE ${where.join(' AND ')} ORDER BY date DESC, commodity COLLATE "C", quote COLLATE "C" LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, query.limit, toRate, (r) => [r.date, r.commodity, r.quote]);
  });
}

/**
 * Writes one rate (insert or replace) in the caller's transaction and audits it; returns it.
 * Shared by the manual form and the CSV import.
 */
export async function writeRate(
  tx: Tx,
  ctx: ServiceContext,
  key: RateKey,
  value: string,
  source: 'manual' | 'csv',
): Promise<{ rate: ExchangeRate; before: ExchangeRate | undefined }> {
  const before = await readRate(tx, ctx.companyId, key);
  await tx.query(
    `INSERT INTO exchange_rates (company_id, commodity, quote, date, rate, source) VALUES ($1, $2, $3, $4::date, $5::numeric, $6)
     ON CONFLICT (company_id, commodity, quote, date) DO UPDATE SET rate = excluded.rate, source = excluded.source`,
    [ctx.companyId, key.currency, key.quote, key.date, value, source],
  );
  const after = (await readRate(tx, ctx.companyId, key)) as ExchangeRate;
  return { rate: after, before };
}

/** Sets the rate of a currency on a date (replacing the one there is); audited. */
export async function setRate(ctx: ServiceContext, raw: SetRateInput): Promise<ExchangeRate> {
  const input = validate(setRateInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const books = await loadBooks(tx, ctx.companyId, ctx.actor);
    const quote = input.quote ?? books.baseCurrency;
    if (quote === input.currency) {
      throw new AppError('VALIDATION_FAILED', 'A currency has no rate against itself', [
        { path: 'currency', message: `must differ from the base currency ${books.baseCurrency}` },
      ]);
    }
    const key = { currency: input.currency, quote, date: input.date };
    const { rate: after, before } = await writeRate(tx, ctx, key, input.rate, 'manual');
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.fx_rate.set',
      entityType: 'exchange_rate',
      entityId: `${key.currency}/${key.quote}/${key.date}`,
      before: before ?? null,
      after,
    });
    return after;
  });
}

/** Deletes one rate; audited. */
export async function deleteRate(ctx: ServiceContext, raw: RateKey): Promise<void> {
  const key = validate(rateKey, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await readRate(tx, ctx.companyId, key);
    if (!before) throw notFound('Exchange rate');
    await tx.query('DELETE FROM exchange_rates WHERE company_id = $1 AND commodity = $2 AND quote = $3 AND date = $4::date', [
      ctx.companyId,
      key.currency,
      key.quote,
      key.date,
    ]);
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.fx_rate.deleted',
      entityType: 'exchange_rate',
      entityId: `${key.currency}/${key.quote}/${key.date}`,
      before,
    });
  });
}

/** The rate used for a currency at a date: base-currency units per unit, and where it comes from. */
export interface RateAt {
  currency: string;
  /** Base units per unit of `currency`, up to 10 decimals. */
  rate: string;
  /** The date of the stored rate it comes from (on or before the date asked). */
  date: string;
  /** True when it is the exact inverse of a stored base→currency rate. */
  inverted: boolean;
}

export type RateLookup = { found: RateAt } | { missing: string };

/**
 * The latest rate on or before `date` turning one unit of `currency` into the base currency. A stored
 * currency→base rate is used as it is. A base→currency rate (e.g. "EUR 1.25 USD" in a EUR company) counts
 * too when it is the latest — a later rate in either direction is better information than an earlier one —
 * but only when its inverse is exact in 10 decimals (1/1.25 = 0.8); otherwise this says why it was refused
 * rather than inventing a rounded inverse that would depend on the direction the rate was typed in.
 */
export async function lookUpRate(tx: Tx, companyId: string, baseCurrency: string, currency: string, date: string): Promise<RateLookup> {
  const [row] = await tx.query<{ commodity: string; date: string; rate: string }>(
    `SELECT commodity, date::text AS date, rate::text AS rate FROM exchange_rates
      WHERE company_id = $1 AND date <= $4::date
        AND ((commodity = $2 AND quote = $3) OR (commodity = $3 AND quote = $2))
      ORDER BY date DESC, (commodity = $2) DESC LIMIT 1`,
    [companyId, currency, baseCurrency, date],
  );
  if (!row) return { missing: `there is no ${currency} rate on or before ${date}; add one` };
  if (row.commodity === currency) return { found: { currency, rate: formatRate(row.rate), date: row.date, inverted: false } };
  const inverse = invertRateExactly(toValueUnits(row.rate));
  if (inverse === null) {
    return {
      missing: `the latest ${currency} rate on or before ${date} is ${baseCurrency}→${currency} ${formatRate(row.rate)} (${row.date}), whose inverse has no exact 10-decimal form; add the ${currency}→${baseCurrency} rate`,
    };
  }
  return { found: { currency, rate: formatRate(fromRateUnits(inverse)), date: row.date, inverted: true } };
}

const fromRateUnits = (units: bigint): string => `${units / 10n ** 10n}.${(units % 10n ** 10n).toString().padStart(10, '0')}`;

/** {@link lookUpRate} that refuses (a field error naming the currency) when there is no usable rate. */
export async function rateAt(tx: Tx, companyId: string, currency: string, date: string): Promise<RateAt> {
  const books = await loadBooks(tx, companyId);
  if (currency === books.baseCurrency) return { currency, rate: '1.0', date, inverted: false };
  const result = await lookUpRate(tx, companyId, books.baseCurrency, currency, date);
  if ('missing' in result)
    throw new AppError('VALIDATION_FAILED', `No usable ${currency} rate`, [{ path: 'date', message: result.missing }]);
  return result.found;
}

export const rateAtQuery = z.strictObject({ currency: z.string().min(1).max(40), date: z.iso.date() });
export const rateAtSchema = z.object({ currency: z.string(), rate: z.string(), date: z.string(), inverted: z.boolean() });

/** {@link rateAt} in a transaction of its own. */
export async function readRateAt(ctx: ServiceContext, raw: z.input<typeof rateAtQuery>): Promise<RateAt> {
  const query = validate(rateAtQuery, raw);
  return ctx.db.tenant(ctx.companyId, (tx) => rateAt(tx, ctx.companyId, query.currency, query.date));
}
