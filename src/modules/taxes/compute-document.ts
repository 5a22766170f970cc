import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { currency } from '../../platform/http/schemas.ts';
import { validate } from '../../platform/validate.ts';
import { findTaxCodes, ruleOf } from './tax-code-model.ts';
import { computeTaxes, type TaxedDocument } from './tax-engine.ts';
import { readTaxSettings } from './tax-settings.ts';

const quantity = z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, 'must be a number with at most 4 decimals');
const price = z.string().regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'must be a number with at most 6 decimals');

export const computeDocumentInput = z.strictObject({
  /** Which side the document is on: a tax code must apply to it. */
  side: z.enum(['sales', 'purchases']),
  /** Decides the decimals amounts round to; the company's base currency when left out. */
  currency: currency.optional(),
  lines: z
    .array(
      z.strictObject({
        quantity,
        unitPrice: price,
        discountPercent: z
          .string()
          .regex(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, 'must be a percentage from 0 to 100')
          .optional(),
        taxCodeIds: z.array(z.uuid()).max(5).default([]),
      }),
    )
    .min(1)
    .max(1000),
});
export type ComputeDocumentInput = z.input<typeof computeDocumentInput>;

/** How many decimals a currency's amounts have (2 for EUR, 0 for JPY), as ISO 4217 says. */
export const currencyDecimals = (code: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * A document's taxes and totals with the company's tax codes and rounding: what invoices and bills use, and
 * what a form shows while it is being filled in. Unknown, archived or wrong-side codes are field errors.
 */
export async function computeDocumentIn(tx: Tx, companyId: string, raw: ComputeDocumentInput): Promise<TaxedDocument> {
  const input = validate(computeDocumentInput, raw);
  const ids = [...new Set(input.lines.flatMap((l) => l.taxCodeIds))];
  const codes = await findTaxCodes(tx, companyId, ids);
  const errors: FieldError[] = [];
  for (const [i, line] of input.lines.entries()) {
    for (const [j, id] of line.taxCodeIds.entries()) {
      const code = codes.find((c) => c.id === id);
      const path = `lines.${i}.taxCodeIds.${j}`;
      if (!code) errors.push({ path, message: 'is not a tax code of this company' });
      else if (code.archivedAt) errors.push({ path, message: `tax code ${code.code} is archived` });
      else if (code.scope !== 'both' && code.scope !== input.side)
        errors.push({ path, message: `tax code ${code.code} is for ${code.scope} only` });
    }
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some tax codes cannot be used here', errors);
  const [company] = await tx.query<{ base_currency: string }>('SELECT base_currency FROM companies WHERE id = $1', [companyId]);
  const settings = await readTaxSettings(tx, companyId);
  return computeTaxes(
    input.lines.map((line) => ({
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      taxes: line.taxCodeIds.map((id) => ruleOf(codes.find((c) => c.id === id) as (typeof codes)[number])),
    })),
    { rounding: settings.rounding, decimals: currencyDecimals(input.currency ?? company?.base_currency ?? 'EUR') },
  );
}

export function computeDocument(ctx: ServiceContext, raw: ComputeDocumentInput): Promise<TaxedDocument> {
  return ctx.db.tenant(ctx.companyId, (tx) => computeDocumentIn(tx, ctx.companyId, raw));
}
