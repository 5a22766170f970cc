/** Tax codes and tax arithmetic: other modules import only from here. */
export { type ComputeDocumentInput, computeDocument, computeDocumentIn, currencyDecimals } from './compute-document.ts';
export { addDefaultTaxCodes, seedDemoTaxCodes } from './default-tax-codes.ts';
export { taxesRoutes } from './routes.ts';
export { findTaxCodes, ruleOf, type TaxCode } from './tax-code-model.ts';
export {
  type CreateTaxCodeInput,
  createTaxCode,
  listTaxCodes,
  setTaxCodeArchived,
  type UpdateTaxCodeInput,
  updateTaxCode,
} from './tax-codes.ts';
export { computeTaxes, type TaxedDocument, type TaxLineInput, type TaxOptions, type TaxRule } from './tax-engine.ts';
export { getTaxSettings, setTaxSettings, type TaxSettings } from './tax-settings.ts';
