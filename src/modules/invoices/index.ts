/** Sales invoices: other modules import only from here. */
export { type CreditInvoiceInput, creditInvoice } from './credit-invoice.ts';
export type { Invoice } from './invoice-model.ts';
export { issueInvoice } from './issue-invoice.ts';
export { type ListInvoicesQuery, listInvoices } from './list-invoices.ts';
export { moveDraftInvoices } from './move-drafts.ts';
export { invoicesRoutes } from './routes.ts';
export {
  type CreateInvoiceInput,
  createInvoice,
  deleteInvoice,
  getInvoice,
  type UpdateInvoiceInput,
  updateInvoice,
} from './save-invoice.ts';
