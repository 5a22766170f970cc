import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Page } from '../../app/types.ts';
import type { Party } from '../parties/parties-api.ts';
import type { Product } from '../products/products-api.ts';

// Shapes of /api/v1/invoices as the sales invoices pages use them (see docs/invoices.md and src/modules/invoices),
// and the customer and product searches their pickers need (docs/parties.md, docs/products.md).

export const INVOICE_STATUSES = ['draft', 'issued'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** An invoice, or a credit note that corrects one (docs/invoices.md, "Credit notes"). */
export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** How much of an invoice its credit notes have credited. */
export const CREDIT_STATUSES = ['none', 'partial', 'full'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

/** A line as a person writes it: a product fills in what the line leaves out. */
export interface InvoiceLineInput {
  productId?: string | null;
  /** Left out on a product line: the product's name. */
  description?: string;
  /** Decimal strings. */
  quantity: string;
  /** Left out on a product line: the product's sales price. */
  unitPrice?: string;
  discountPercent?: string | null;
  taxCodeIds: string[];
  incomeAccountId?: string | null;
}

/** A tax on a line, as computed. */
export interface InvoiceLineTax {
  taxId: string;
  base: string;
  amount: string;
}

export interface InvoiceLine extends InvoiceLineInput {
  lineNo?: number;
  productId: string | null;
  description: string;
  unitPrice: string;
  discountPercent: string | null;
  incomeAccountId: string | null;
  /** Computed, read only. */
  net: string;
  taxes: InvoiceLineTax[];
}

/** The document's taxes, per code. */
export interface InvoiceTax {
  taxId: string;
  kind?: string;
  rate: string;
  reverseCharge?: boolean;
  base: string;
  amount: string;
}

export interface Invoice {
  id: string;
  series: string;
  fiscalYear?: number | null;
  number: number | null;
  /** "INV-2026-00001" once issued; null on a draft. */
  numberLabel: string | null;
  status: InvoiceStatus;
  partyId: string;
  partyName: string;
  partyTaxId: string | null;
  /** yyyy-mm-dd. */
  issueDate: string;
  dueDate: string;
  currency: string;
  /** Base currency per unit, fixed on issue; null in the base currency. */
  rate: string | null;
  lines: InvoiceLine[];
  notes: string | null;
  taxes: InvoiceTax[];
  net: string;
  tax: string;
  withholding: string;
  total: string;
  entryId: string | null;
  issuedAt: string | null;
  version: number;
  /** `credit_note`: issued at once, numbered in series CN, correcting `creditedInvoiceId`. */
  kind: InvoiceKind;
  /** On a credit note: the invoice it credits. */
  creditedInvoiceId: string | null;
  /** On a credit note: why. */
  reason: string | null;
  /** On an invoice: the sum of its credit notes (decimal string). */
  creditedTotal: string;
  creditStatus: CreditStatus;
  createdAt?: string;
  updatedAt?: string;
}

/** The fields a person writes (create and patch). */
export interface InvoiceFields {
  series: string;
  partyId: string;
  issueDate: string;
  currency: string;
  notes: string | null;
  lines: InvoiceLineInput[];
}

/** A new draft: what is left out takes the API's default (series INV, the party's currency). */
export type NewInvoice = Partial<InvoiceFields> & Pick<InvoiceFields, 'partyId' | 'lines'>;
/** A change to a draft: the version read plus the fields that change (`lines` replaces the list). */
export type InvoicePatch = Partial<InvoiceFields> & { version: number };

export interface InvoicesFilter {
  q: string;
  status: InvoiceStatus | null;
  partyId: string | null;
  /** Invoices only, credit notes only, or both (null). */
  kind?: InvoiceKind | null;
}

const PAGE_SIZE = 50;
const PICKER_SIZE = 20;

export const invoicesKey = ['invoices'] as const;

export const invoicesQuery = (filter: InvoicesFilter) =>
  infiniteQueryOptions({
    queryKey: ['invoices', 'list', filter],
    queryFn: ({ pageParam }) =>
      api.get<Page<Invoice>>('/invoices', {
        status: filter.status ?? undefined,
        partyId: filter.partyId ?? undefined,
        kind: filter.kind ?? undefined,
        q: filter.q.trim() || undefined,
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const invoiceQuery = (id: string) =>
  queryOptions({ queryKey: ['invoices', 'invoice', id], queryFn: () => api.get<Invoice>(`/invoices/${id}`) });

/** Active customers matching what is typed in the customer picker. */
export const customerSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['parties', 'list', 'customer-picker', q.trim()],
    queryFn: () => api.get<Page<Party>>('/parties', { role: 'customer', q: q.trim() || undefined, limit: PICKER_SIZE }),
    staleTime: 30_000,
  });

/** Active products matching what is typed in a line's product picker. */
export const productSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['products', 'list', 'invoice-picker', q.trim()],
    queryFn: () => api.get<Page<Product>>('/products', { q: q.trim() || undefined, limit: PICKER_SIZE }),
    staleTime: 30_000,
  });

export const createInvoice = (input: NewInvoice) => api.create<Invoice>('/invoices', input);
export const updateInvoice = (id: string, patch: InvoicePatch) => api.patch<Invoice>(`/invoices/${id}`, patch);
export const deleteInvoice = (invoice: Pick<Invoice, 'id' | 'version'>) =>
  api.delete(`/invoices/${invoice.id}?version=${encodeURIComponent(String(invoice.version))}`);
export const issueInvoice = (invoice: Pick<Invoice, 'id' | 'version'>) =>
  api.post<Invoice>(`/invoices/${invoice.id}/issue`, { version: invoice.version });

/** A line to credit: its number on the invoice and how much of it. */
export interface CreditLineInput {
  lineNo: number;
  /** Decimal string. */
  quantity: string;
}

/** What crediting an invoice takes: without `lines`, everything not credited yet. */
export interface CreditInput {
  reason: string;
  /** yyyy-mm-dd; today when left out. */
  issueDate?: string;
  lines?: CreditLineInput[];
}

/** Credits an issued invoice: the answer is the credit note, issued at once. */
export const creditInvoice = (id: string, input: CreditInput) => api.create<Invoice>(`/invoices/${id}/credit`, input);
