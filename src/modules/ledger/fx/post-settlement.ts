import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { text } from '../../../platform/http/schemas.ts';
import { loadBooks } from '../entry-lines.ts';
import { type Entry, entrySchema } from '../entry-model.ts';
import { toUnits } from '../money.ts';
import { postEntry } from '../post-entry.ts';
import { validate } from '../validate.ts';
import { resolveFxAccounts } from './fx-accounts.ts';
import { fxSettlementAmounts, fxSettlementTerms, planFxSettlement } from './settlement.ts';

export const postFxSettlementInput = fxSettlementTerms.extend({
  date: z.iso.date(),
  /** BNK when left out. */
  journalCode: z.string().trim().min(1).max(20).default('BNK'),
  memo: text(500).optional(),
  reference: text(100).optional(),
  /** Found by subtype (fx_gain / fx_loss) when left out. */
  gainAccountId: z.uuid().optional(),
  lossAccountId: z.uuid().optional(),
});
export type PostFxSettlementInput = z.input<typeof postFxSettlementInput>;

export const fxSettlementResultSchema = z.object({
  entry: entrySchema,
  bankAmount: z.string(),
  clearedAmount: z.string(),
  realizedDifference: z.string(),
});
export type FxSettlementResult = z.infer<typeof fxSettlementResultSchema>;

/** Posts the settlement of a foreign-currency receivable or payable with its realized exchange difference. */
export async function postFxSettlement(ctx: ServiceContext, raw: PostFxSettlementInput): Promise<FxSettlementResult> {
  const input = validate(postFxSettlementInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const { date, journalCode, memo, reference, gainAccountId, lossAccountId, ...terms } = input;
    const books = await loadBooks(tx, ctx.companyId, ctx.actor);
    if (terms.currency === books.baseCurrency) {
      throw new AppError('VALIDATION_FAILED', 'A settlement in the base currency has no exchange difference', [
        { path: 'currency', message: `must be a foreign currency, not the base currency ${books.baseCurrency}` },
      ]);
    }
    // Only the side the difference falls on needs an account.
    const { receivableAccountId: _receivable, bankAccountId: _bank, ...amountTerms } = terms;
    const difference = toUnits(fxSettlementAmounts(amountTerms).realizedDifference);
    const accounts = await resolveFxAccounts(
      tx,
      ctx.companyId,
      { gainAccountId, lossAccountId },
      { gain: difference > 0n, loss: difference < 0n },
    );
    // The pure planner wants both ids; the side without a difference gets no line, so any id stands in for it.
    const settlement = planFxSettlement({
      ...terms,
      gainAccountId: accounts.gain?.id ?? terms.bankAccountId,
      lossAccountId: accounts.loss?.id ?? terms.bankAccountId,
    });
    const entry: Entry = await postEntry(tx, ctx.companyId, ctx.actor, {
      journalCode,
      date,
      memo: memo ?? `Settlement of ${terms.currency} ${terms.paidAmountCurrency}`,
      ...(reference === undefined ? {} : { reference }),
      lines: settlement.lines,
    });
    return {
      entry,
      bankAmount: settlement.bankAmount,
      clearedAmount: settlement.clearedAmount,
      realizedDifference: settlement.realizedDifference,
    };
  });
}
