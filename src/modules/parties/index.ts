/** Customers and suppliers: other modules import only from here. */

export { seedDemoParties } from './demo-parties.ts';
export { type ListPartiesQuery, listParties } from './list-parties.ts';
export { onPartiesMerged, type PartyMergeHook } from './merge-hooks.ts';
export { findDuplicates, type MergePartiesInput, mergeParties } from './merge-parties.ts';
export type { CreatePartyInput, UpdatePartyInput } from './party-input.ts';
export { type Address, type Contact, loadParty as findParty, type Party } from './party-model.ts';
export {
  createPaymentTerms,
  DEFAULT_PAYMENT_TERMS,
  ensureDefaultPaymentTerms,
  findPaymentTerms,
  listPaymentTerms,
  type PaymentTerms,
  type PaymentTermsInput,
} from './payment-terms.ts';
export { partiesRoutes } from './routes.ts';
export { createParty, getParty, setPartyArchived, updateParty } from './save-party.ts';
export { checkTaxId, EU_COUNTRIES } from './tax-id.ts';
