import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, type FieldError, notFound, versionConflict } from '../../platform/errors.ts';
import { version } from '../../platform/http/schemas.ts';
import { validate } from '../../platform/validate.ts';
import { onlyAccountOf, type PostEntryInput, postEntry, rateAt } from '../ledger/index.ts';
import { findParty, type Party } from '../parties/index.ts';
import { findProducts } from '../products/index.ts';
import { computeDocumentIn, findTaxCodes, type TaxedDocument } from '../taxes/index.ts';
import { type Invoice, loadInvoice, numberLabel } from './invoice-model.ts';

export const issueInvoiceInput = z.strictObject({ version });

/** A decimal string as a count of 1/10^scale units (exact; callers pass at most `scale` decimals). */
function units(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  const n = BigInt(whole) * 10n ** BigInt(scale) + BigInt((fraction + '0'.repeat(scale)).slice(0, scale) || '0');
  return negative ? -n : n;
}

const cents = (value: string) => units(value, 2);
const fromCents = (n: bigint) => {
  const abs = n < 0n ? -n : n;
  return `${n < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** An amount in the invoice currency at `rate` base units per unit, rounded half away from zero to cents. */
function toBase(amount: bigint, rate: string): bigint {
  const scaled = amount * units(rate, 10);
  const divisor = 10n ** 10n;
  const magnitude = scaled < 0n ? -scaled : scaled;
  const rounded = (2n * magnitude + divisor) / (2n * divisor);
  return scaled < 0n ? -rounded : rounded;
}

interface Posting {
  accountId: string;
  /** In the invoice currency, in cents; positive is a debit. */
  amount: bigint;
}

/**
 * Issues a draft: the next number of its series and year (gapless: the sequence row stays locked until
 * commit), the customer's name and tax id fixed as they are now, and one entry in the sales journal —
 * receivable and withholding debited, income per account and output tax per code credited. In a foreign
 * currency every line carries the day's rate, and the receivable takes what balances the entry in the
 * base currency.
 */
export function issueInvoice(ctx: ServiceContext, id: string, raw: z.input<typeof issueInvoiceInput>): Promise<Invoice> {
  const input = validate(issueInvoiceInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const invoice = await loadInvoice(tx, ctx.companyId, id, true);
    if (!invoice) throw notFound('Invoice');
    if (invoice.status !== 'draft') throw new AppError('INVALID_STATE', `Invoice ${invoice.numberLabel} is already issued`);
    if (invoice.version !== input.version) throw versionConflict('The invoice');
    const errors: FieldError[] = [];
    const party = await findParty(tx, ctx.companyId, invoice.partyId);
    if (!party?.isCustomer || party.archivedAt) errors.push({ path: 'partyId', message: 'is no longer an active customer' });
    // Taxes again, as they are now: a code archived since the draft was saved is refused here.
    const computed = await computeDocumentIn(tx, ctx.companyId, {
      side: 'sales',
      currency: invoice.currency,
      lines: invoice.lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        taxCodeIds: l.taxCodeIds,
      })),
    });
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The invoice cannot be posted', errors);
    const [company] = await tx.query<{ base_currency: string }>('SELECT base_currency FROM companies WHERE id = $1', [ctx.companyId]);
    const rate =
      invoice.currency === company?.base_currency ? null : (await rateAt(tx, ctx.companyId, invoice.currency, invoice.issueDate)).rate;
    const lines = await entryLines(tx, ctx.companyId, invoice, computed, party as Party, rate, 1);
    const year = Number(invoice.issueDate.slice(0, 4));
    const [next] = await tx.query<{ last_number: number }>(
      `INSERT INTO invoice_sequences (company_id, series, fiscal_year, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (company_id, series, fiscal_year) DO UPDATE SET last_number = invoice_sequences.last_number + 1
       RETURNING last_number`,
      [ctx.companyId, invoice.series, year],
    );
    const number = next?.last_number as number;
    const label = numberLabel(invoice.series, year, number);
    const entry = await postEntry(tx, ctx.companyId, ctx.actor, {
      journalCode: 'SAL',
      date: invoice.issueDate,
      memo: `Invoice ${label}, ${party?.legalName ?? ''}`.slice(0, 500),
      reference: label,
      lines,
    });
    await tx.query(
      `UPDATE invoices SET status = 'issued', fiscal_year = $3, number = $4, party_name = $5, party_tax_id = $6, rate = $7, entry_id = $8,
              issued_at = now(), net = $9, tax = $10, withholding = $11, total = $12, taxes = $13, version = version + 1, updated_at = now()
        WHERE company_id = $1 AND id = $2`,
      [
        ctx.companyId,
        id,
        year,
        number,
        party?.legalName,
        party?.vatNumber ?? party?.taxId ?? null,
        rate,
        entry.id,
        computed.net,
        computed.tax,
        computed.withholding,
        computed.total,
        JSON.stringify(computed.taxes),
      ],
    );
    const issued = (await loadInvoice(tx, ctx.companyId, id)) as Invoice;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'invoices.invoice.issued',
      entityType: 'invoice',
      entityId: id,
      before: invoice,
      after: issued,
    });
    return issued;
  });
}

/** One entry line: a debit when positive, in the base currency, or in the invoice currency at its rate. */
function entryLine(
  accountId: string,
  amount: bigint,
  base: bigint,
  currency: string,
  rate: string | null,
): PostEntryInput['lines'][number] {
  const side = base > 0n || (base === 0n && amount > 0n) ? 'debit' : 'credit';
  const value = fromCents(base < 0n ? -base : base);
  if (rate === null) return { accountId, [side]: value };
  return { accountId, [side]: value, currency, amountCurrency: fromCents(amount < 0n ? -amount : amount), rate };
}

/**
 * The entry lines of a sales document: receivable and withholding on one side, income per account and
 * output tax per code on the other; `direction` 1 for an invoice, -1 for a credit note (every side swaps).
 * In a foreign currency every line carries `rate`, and the receivable takes what balances the entry in
 * the base currency.
 */
export async function entryLines(
  tx: Tx,
  companyId: string,
  invoice: Pick<Invoice, 'currency' | 'lines'>,
  computed: TaxedDocument,
  party: Party,
  rate: string | null,
  direction: 1 | -1,
): Promise<PostEntryInput['lines']> {
  const errors: FieldError[] = [];
  const sign = BigInt(direction);
  const products = await findProducts(
    tx,
    companyId,
    invoice.lines.flatMap((l) => (l.productId ? [l.productId] : [])),
  );
  const defaultIncome = await onlyAccountOf(tx, companyId, 'income', 'sales');
  const postings: Posting[] = [];
  invoice.lines.forEach((line, i) => {
    const product = products.find((p) => p.id === line.productId);
    const account = line.incomeAccountId ?? product?.incomeAccountId ?? party.incomeAccountId ?? defaultIncome;
    if (!account) {
      errors.push({ path: `lines.${i}.incomeAccountId`, message: 'no income account: set one on the line, its product or the customer' });
    } else postings.push({ accountId: account, amount: -sign * cents(computed.lines[i]?.net ?? '0') });
  });
  const codes = await findTaxCodes(
    tx,
    companyId,
    computed.taxes.map((t) => t.taxId),
  );
  for (const tax of computed.taxes) {
    const code = codes.find((c) => c.id === tax.taxId);
    if (!code?.salesAccountId) {
      errors.push({ path: 'taxes', message: `tax code ${code?.code ?? tax.taxId} has no sales account to post to` });
      continue;
    }
    // Output tax is owed (credit); a withholding the customer keeps back is a receivable from the tax office (debit).
    postings.push({ accountId: code.salesAccountId, amount: sign * (tax.kind === 'withholding' ? cents(tax.amount) : -cents(tax.amount)) });
  }
  const receivable = party.receivableAccountId ?? (await onlyAccountOf(tx, companyId, 'asset', 'receivable'));
  if (!receivable) errors.push({ path: 'partyId', message: 'no receivable account: set one on the customer' });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The document cannot be posted', errors);
  const lines: PostEntryInput['lines'] = [];
  let baseBalance = 0n;
  for (const p of postings) {
    if (p.amount === 0n) continue;
    const base = rate === null ? p.amount : toBase(p.amount, rate);
    baseBalance += base;
    lines.push(entryLine(p.accountId, p.amount, base, invoice.currency, rate));
  }
  // The receivable: the total in the invoice currency, and in the base currency what balances the entry.
  lines.unshift(entryLine(receivable as string, sign * cents(computed.total), -baseBalance, invoice.currency, rate));

  return lines;
}
