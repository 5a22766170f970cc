import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { currency } from '../../../platform/http/schemas.ts';
import { amount, fromUnits, rate, toUnits, toValueUnits } from '../money.ts';
import { baseValueOf } from './fx-math.ts';

export const SETTLEMENT_SIDES = ['receivable', 'payable'] as const;
export type SettlementSide = (typeof SETTLEMENT_SIDES)[number];

export const fxSettlementTerms = z.strictObject({
  /** A customer paying us (receivable) or us paying a supplier (payable). */
  side: z.enum(SETTLEMENT_SIDES),
  /** The document's (invoice's) currency, which the payment is in too. */
  currency,
  /** The document's full amount in its currency. */
  documentAmountCurrency: amount,
  /** Base units per unit of currency the document was booked at. */
  documentRate: rate,
  /** What earlier payments of this document already settled, in its currency (0 for the first payment). */
  previouslyPaidAmountCurrency: amount.default('0'),
  /** This payment, in the document's currency. */
  paidAmountCurrency: amount,
  /** Base units per unit of currency at the payment's date. */
  paymentRate: rate,
  /** The receivable (side receivable) or payable (side payable) account the document was booked to. */
  receivableAccountId: z.uuid(),
  bankAccountId: z.uuid(),
  gainAccountId: z.uuid(),
  lossAccountId: z.uuid(),
});
export type FxSettlementTerms = z.input<typeof fxSettlementTerms>;

/** A line ready for postEntry: decimal strings, the payment's currency on the two money lines. */
export interface SettlementLine {
  accountId: string;
  description: string;
  debit?: string;
  credit?: string;
  currency?: string;
  amountCurrency?: string;
  rate?: string;
}

export interface FxSettlement {
  lines: SettlementLine[];
  /** What the bank moved, in the base currency: paid × paymentRate. */
  bankAmount: string;
  /** The base value of the document this payment clears. */
  clearedAmount: string;
  /** bankAmount − clearedAmount seen from the company: positive a realized gain, negative a loss. */
  realizedDifference: string;
}

/** The terms without accounts: enough to know the amounts and on which side the difference falls. */
export const fxSettlementAmountTerms = fxSettlementTerms.omit({
  receivableAccountId: true,
  bankAccountId: true,
  gainAccountId: true,
  lossAccountId: true,
});

function parseTerms<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The settlement terms are not valid',
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  return parsed.data;
}

function amountsOf(t: z.output<typeof fxSettlementAmountTerms>): { paid: bigint; bank: bigint; cleared: bigint; gain: bigint } {
  const document = toUnits(t.documentAmountCurrency);
  const before = toUnits(t.previouslyPaidAmountCurrency);
  const paid = toUnits(t.paidAmountCurrency);
  if (paid === 0n)
    throw new AppError('VALIDATION_FAILED', 'Nothing is paid', [{ path: 'paidAmountCurrency', message: 'must be greater than zero' }]);
  if (before + paid > document) {
    throw new AppError('VALIDATION_FAILED', 'The payment is more than what is still open', [
      { path: 'paidAmountCurrency', message: `must be at most ${fromUnits(document - before)} ${t.currency}, what is still open` },
    ]);
  }
  // Amounts are 4-decimal units; ×10^6 makes them the 10-decimal units baseValueOf multiplies.
  const baseOf = (units: bigint, r: string) => baseValueOf(units * 10n ** 6n, toValueUnits(r));
  const cleared = baseOf(before + paid, t.documentRate) - baseOf(before, t.documentRate);
  const bank = baseOf(paid, t.paymentRate);
  if (bank === 0n || cleared === 0n) {
    throw new AppError('VALIDATION_FAILED', 'The payment is worth nothing in the base currency once rounded', [
      { path: 'paidAmountCurrency', message: 'is too small to post' },
    ]);
  }
  const gain = t.side === 'receivable' ? bank - cleared : cleared - bank;
  return { paid, bank, cleared, gain };
}

/** The base amounts of a settlement (see {@link planFxSettlement}), as decimal strings. */
export function fxSettlementAmounts(raw: z.input<typeof fxSettlementAmountTerms>): Omit<FxSettlement, 'lines'> {
  const { bank, cleared, gain } = amountsOf(parseTerms(fxSettlementAmountTerms, raw));
  return { bankAmount: fromUnits(bank), clearedAmount: fromUnits(cleared), realizedDifference: fromUnits(gain) };
}

/**
 * The balanced lines of a payment settling (part of) a foreign-currency receivable or payable at a rate
 * other than the one it was booked at, with the realized exchange difference.
 *
 * Base amounts are rounded half-up to 4 decimals (see fx-math.ts). The cleared base value of a payment is
 * the difference of cumulative values: value(previously paid + paid) − value(previously paid), each at the
 * document rate. The parts therefore always add up to value(document amount) — the amount the document was
 * booked at — so the last payment leaves the receivable at exactly zero in both currencies, however the
 * payments split it. The difference line is what makes the entry balance, so it balances exactly.
 *
 * Receivable: debit bank (bankAmount), credit receivable (clearedAmount), a gain is credited to
 * gainAccountId, a loss debited to lossAccountId. Payable: the mirror image (a payment costing more base
 * than the debt was booked at is a loss).
 */
export function planFxSettlement(raw: FxSettlementTerms): FxSettlement {
  const t = parseTerms(fxSettlementTerms, raw);
  const { paid, bank, cleared, gain } = amountsOf(t);
  const paidText = fromUnits(paid);
  const moneyLine = (accountId: string, description: string, side: 'debit' | 'credit', base: bigint, lineRate: string): SettlementLine => ({
    accountId,
    description,
    [side]: fromUnits(base),
    currency: t.currency,
    amountCurrency: paidText,
    rate: lineRate,
  });
  const lines =
    t.side === 'receivable'
      ? [
          moneyLine(t.bankAccountId, `Collected ${t.currency} ${paidText} at ${t.paymentRate}`, 'debit', bank, t.paymentRate),
          moneyLine(
            t.receivableAccountId,
            `Settled ${t.currency} ${paidText} booked at ${t.documentRate}`,
            'credit',
            cleared,
            t.documentRate,
          ),
        ]
      : [
          moneyLine(
            t.receivableAccountId,
            `Settled ${t.currency} ${paidText} booked at ${t.documentRate}`,
            'debit',
            cleared,
            t.documentRate,
          ),
          moneyLine(t.bankAccountId, `Paid ${t.currency} ${paidText} at ${t.paymentRate}`, 'credit', bank, t.paymentRate),
        ];
  if (gain > 0n) lines.push({ accountId: t.gainAccountId, description: 'Realized exchange gain', credit: fromUnits(gain) });
  if (gain < 0n) lines.push({ accountId: t.lossAccountId, description: 'Realized exchange loss', debit: fromUnits(-gain) });
  return { lines, bankAmount: fromUnits(bank), clearedAmount: fromUnits(cleared), realizedDifference: fromUnits(gain) };
}
