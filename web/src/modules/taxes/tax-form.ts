// The tax code form's state and how it becomes the API's body: empty text is "no value", a new code leaves
// out what it does not set (the API fills the defaults), a change sends only the fields PATCH accepts that changed.
import type { NewTaxCode, TaxCategory, TaxCode, TaxCodeDetails, TaxCodePatch, TaxKind, TaxScope } from './taxes-api.ts';

export interface TaxCodeDraft {
  code: string;
  name: string;
  nameEs: string;
  kind: TaxKind;
  category: TaxCategory | null;
  rate: string;
  scope: TaxScope;
  priceIncluded: boolean;
  compound: boolean;
  reverseCharge: boolean;
  exemptionCode: string;
  exemptionReason: string;
  salesAccountId: string | null;
  purchasesAccountId: string | null;
  reverseChargeAccountId: string | null;
}

export function emptyTaxDraft(): TaxCodeDraft {
  return {
    code: '',
    name: '',
    nameEs: '',
    kind: 'vat',
    category: 'S',
    rate: '',
    scope: 'both',
    priceIncluded: false,
    compound: false,
    reverseCharge: false,
    exemptionCode: '',
    exemptionReason: '',
    salesAccountId: null,
    purchasesAccountId: null,
    reverseChargeAccountId: null,
  };
}

export function taxDraftOf(code: TaxCode): TaxCodeDraft {
  return {
    code: code.code,
    name: code.name,
    nameEs: code.nameEs ?? '',
    kind: code.kind,
    category: code.category,
    rate: code.rate,
    scope: code.scope,
    priceIncluded: code.priceIncluded,
    compound: code.compound,
    reverseCharge: code.reverseCharge,
    exemptionCode: code.exemptionCode ?? '',
    exemptionReason: code.exemptionReason ?? '',
    salesAccountId: code.salesAccountId,
    purchasesAccountId: code.purchasesAccountId,
    reverseChargeAccountId: code.reverseChargeAccountId,
  };
}

const text = (value: string): string | null => value.trim() || null;

/** The fields PATCH accepts, as the draft gives them. */
function detailsOf(draft: TaxCodeDraft): TaxCodeDetails {
  return {
    name: draft.name.trim(),
    nameEs: text(draft.nameEs),
    scope: draft.scope,
    // A withholding has no VAT category.
    category: draft.kind === 'withholding' ? null : draft.category,
    exemptionCode: text(draft.exemptionCode)?.toUpperCase() ?? null,
    exemptionReason: text(draft.exemptionReason),
    salesAccountId: draft.salesAccountId,
    purchasesAccountId: draft.purchasesAccountId,
    reverseChargeAccountId: draft.reverseChargeAccountId,
  };
}

/** The body of POST /taxes/codes: only what has a value (a rate typed with a comma is sent with a point). */
export function newTaxCodeBody(draft: TaxCodeDraft): NewTaxCode {
  const body: Record<string, unknown> = {
    code: draft.code.trim(),
    kind: draft.kind,
    rate: draft.rate.trim().replace(',', '.'),
    priceIncluded: draft.priceIncluded,
    compound: draft.compound,
    reverseCharge: draft.reverseCharge,
  };
  for (const [key, value] of Object.entries(detailsOf(draft))) {
    if (value === null || value === '') continue;
    body[key] = value;
  }
  return body as unknown as NewTaxCode;
}

/** The body of PATCH /taxes/codes/:id: the version and the fields that differ from `code` (a cleared field is null). */
export function taxCodePatchBody(code: TaxCode, draft: TaxCodeDraft): TaxCodePatch {
  const before = detailsOf(taxDraftOf(code));
  const after = detailsOf(draft);
  const patch: Record<string, unknown> = { version: code.version };
  for (const [key, value] of Object.entries(after)) {
    if (value !== before[key as keyof TaxCodeDetails]) patch[key] = value;
  }
  return patch as TaxCodePatch;
}

/** Required fields missing in the draft, as field name → translation key (the API checks everything else). */
export function missingTaxFields(draft: TaxCodeDraft, editing: boolean): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!editing && !draft.code.trim()) missing.code = 'taxes.form.errors.required';
  if (!editing && !draft.rate.trim()) missing.rate = 'taxes.form.errors.required';
  if (!draft.name.trim()) missing.name = 'taxes.form.errors.required';
  if (draft.kind !== 'withholding' && !draft.category) missing.category = 'taxes.form.errors.required';
  return missing;
}
