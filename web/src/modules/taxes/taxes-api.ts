import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Items } from '../../app/types.ts';

// Shapes of /api/v1/taxes as the taxes page uses them (see docs/taxes.md and src/modules/taxes).

export const TAX_KINDS = ['vat', 'surcharge', 'withholding'] as const;
export type TaxKind = (typeof TAX_KINDS)[number];
export const TAX_SCOPES = ['sales', 'purchases', 'both'] as const;
export type TaxScope = (typeof TAX_SCOPES)[number];
/** EN 16931 VAT categories (UNCL 5305), for VAT and surcharges only. */
export const TAX_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];
/** Categories that carry no tax: their rate is 0. */
export const ZERO_RATE_CATEGORIES: readonly TaxCategory[] = ['Z', 'E', 'K', 'G', 'O'];
/** Categories that need an exemption code or reason. */
export const EXEMPT_CATEGORIES: readonly TaxCategory[] = ['Z', 'E', 'AE', 'K', 'G', 'O'];
export const ROUNDINGS = ['document', 'line'] as const;
export type Rounding = (typeof ROUNDINGS)[number];
export type TaxSide = 'sales' | 'purchases';
export type ArchivedFilter = 'exclude' | 'include' | 'only';

/** The fields that may change on a code (PATCH). */
export interface TaxCodeDetails {
  name: string;
  nameEs: string | null;
  scope: TaxScope;
  category: TaxCategory | null;
  exemptionCode: string | null;
  exemptionReason: string | null;
  salesAccountId: string | null;
  purchasesAccountId: string | null;
  reverseChargeAccountId: string | null;
}

/** The fields fixed when the code is made: documents were computed with them. */
export interface TaxCodeDefinition {
  code: string;
  kind: TaxKind;
  /** Percent, e.g. "21" or "5.2". */
  rate: string;
  priceIncluded: boolean;
  compound: boolean;
  reverseCharge: boolean;
}

export interface TaxCode extends TaxCodeDetails, TaxCodeDefinition {
  id: string;
  archivedAt: string | null;
  version: number;
}

/** A new code: what is left out takes the API's default (scope both, flags off). */
export type NewTaxCode = TaxCodeDefinition & Partial<TaxCodeDetails> & Pick<TaxCodeDetails, 'name'>;
/** A change: the version read plus the fields that change. */
export type TaxCodePatch = Partial<TaxCodeDetails> & { version: number };

export interface TaxSettings {
  rounding: Rounding;
  version: number;
}

export interface ComputeLine {
  quantity: string;
  unitPrice: string;
  discountPercent?: string;
  taxCodeIds: string[];
}

export interface ComputeInput {
  side: TaxSide;
  currency?: string;
  lines: ComputeLine[];
}

export interface LineTax {
  taxId: string;
  base: string;
  amount: string;
}

export interface TaxTotal {
  taxId: string;
  kind: TaxKind;
  rate: string;
  reverseCharge: boolean;
  base: string;
  amount: string;
}

export interface TaxedDocument {
  lines: { net: string; taxes: LineTax[] }[];
  /** One per tax used, in order of first use. */
  taxes: TaxTotal[];
  net: string;
  /** VAT and surcharges charged (reverse-charge taxes excluded). */
  tax: string;
  withholding: string;
  /** Self-assessed by the buyer, not charged. */
  reverseChargeTax: string;
  /** net + tax − withholding. */
  total: string;
}

export const taxesKey = ['taxes'] as const;

export const taxCodesQuery = (archived: ArchivedFilter, scope?: TaxSide) =>
  queryOptions({
    queryKey: ['taxes', 'codes', { archived, scope: scope ?? null }],
    queryFn: () => api.get<Items<TaxCode>>('/taxes/codes', { archived, scope }),
  });

export const taxSettingsQuery = queryOptions({
  queryKey: ['taxes', 'settings'],
  queryFn: () => api.get<TaxSettings>('/taxes/settings'),
});

/** The document's taxes and totals; writes nothing, so it is a query keyed by its input. */
export const computeQuery = (input: ComputeInput | null) =>
  queryOptions({
    queryKey: ['taxes', 'compute', input],
    queryFn: () => api.post<TaxedDocument>('/taxes/compute', input),
    enabled: input !== null,
    retry: false,
  });

export const createTaxCode = (input: NewTaxCode) => api.create<TaxCode>('/taxes/codes', input);
export const updateTaxCode = (id: string, patch: TaxCodePatch) => api.patch<TaxCode>(`/taxes/codes/${id}`, patch);
export const archiveTaxCode = (code: Pick<TaxCode, 'id'>) => api.post<TaxCode>(`/taxes/codes/${code.id}/archive`);
export const restoreTaxCode = (code: Pick<TaxCode, 'id'>) => api.post<TaxCode>(`/taxes/codes/${code.id}/restore`);
/** Adds the standard codes of the company's country that it lacks; returns those added. */
export const addDefaultTaxCodes = () => api.post<Items<TaxCode>>('/taxes/codes/defaults');
export const setTaxSettings = (settings: TaxSettings) => api.put<TaxSettings>('/taxes/settings', settings);
export const computeTaxes = (input: ComputeInput) => api.post<TaxedDocument>('/taxes/compute', input);

/** The code's name in the UI language: the Spanish name when the UI is Spanish and there is one. */
export function taxCodeName(code: Pick<TaxCode, 'name' | 'nameEs'>, language: string): string {
  return language.startsWith('es') && code.nameEs ? code.nameEs : code.name;
}

/** "21" → "21%" in English, "5.2" → "5,2 %" in Spanish (which writes a space before the sign). */
export function formatRate(rate: string, language: string): string {
  return language.startsWith('es') ? `${rate.replace('.', ',')}\u00a0%` : `${rate}%`;
}
