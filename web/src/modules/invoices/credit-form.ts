// Crediting an invoice as a person fills it in: a quantity to credit per line of the invoice, turned into
// the body of POST /api/v1/invoices/:id/credit, and the server's field errors on the sent lines moved back
// onto the rows they came from (docs/invoices.md, "Credit notes").

import { fieldName } from '../../app/ui/field-errors.ts';
import { parseAmountInput, toUnits } from '../finance/decimal.ts';
import type { CreditLineInput, InvoiceLine } from './invoices-api.ts';

/** The number of line `i` of an invoice: the API's `lineNo`, else its position from 1. */
export const lineNoOf = (line: Pick<InvoiceLine, 'lineNo'>, i: number): number => line.lineNo ?? i + 1;

export interface CreditLines {
  /** The lines to send: those with a quantity above zero. */
  lines: CreditLineInput[];
  /** For each sent line, the row it came from (the server's `lines.N` is the N-th sent line). */
  rows: number[];
  /** Rows whose quantity is not a number. */
  invalid: number[];
}

/** The lines to credit from the quantities typed per row (empty or zero: that line is not credited). */
export function creditLines(invoiceLines: readonly Pick<InvoiceLine, 'lineNo'>[], quantities: readonly string[]): CreditLines {
  const out: CreditLines = { lines: [], rows: [], invalid: [] };
  invoiceLines.forEach((line, row) => {
    const quantity = parseAmountInput(quantities[row] ?? '');
    if (quantity === null) {
      out.invalid.push(row);
      return;
    }
    if (quantity === '' || toUnits(quantity) === 0n) return;
    out.lines.push({ lineNo: lineNoOf(line, row), quantity });
    out.rows.push(row);
  });
  return out;
}

/** The quantity a row starts with: the whole line (what earlier credit notes took is the server's to check). */
export const defaultQuantities = (invoiceLines: readonly Pick<InvoiceLine, 'quantity'>[]): string[] =>
  invoiceLines.map((line) => line.quantity);

export interface CreditErrors {
  /** Errors of the form's own fields (`reason`, `issueDate`, `lines`). */
  fields: Record<string, string>;
  /** Errors per row of the lines table. */
  rows: Record<number, string>;
  /** The API field names shown in the form, so the general alert leaves them out. */
  shown: string[];
}

const FORM_FIELDS = ['reason', 'issueDate', 'lines'];

/** Sorts the server's field errors (keyed by field name) into the form's fields and the rows of the lines table. */
export function creditErrors(errors: Record<string, string>, rows: readonly number[]): CreditErrors {
  const out: CreditErrors = { fields: {}, rows: {}, shown: [] };
  for (const [name, message] of Object.entries(errors)) {
    const field = fieldName(name);
    if (FORM_FIELDS.includes(field)) {
      out.fields[field] ??= message;
      out.shown.push(field);
      continue;
    }
    const match = /^lines\.(\d+)(?:\.|$)/.exec(field);
    const row = match ? rows[Number(match[1])] : undefined;
    if (row === undefined) continue;
    out.rows[row] ??= message;
    out.shown.push(field);
  }
  return out;
}
