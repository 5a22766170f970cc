import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Items, Page } from '../../app/types.ts';

// Shapes of /api/v1/products as the products page uses them (see docs/products.md and src/modules/products),
// and the few fields of /api/v1/taxes/codes its tax pickers need (see docs/taxes.md).

export const PRODUCT_KINDS = ['stockable', 'consumable', 'service'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export type ArchivedFilter = 'exclude' | 'include' | 'only';
export type TaxSide = 'sales' | 'purchases';

/** The fields a person can write (create and patch). */
export interface ProductFields {
  sku: string;
  kind: ProductKind;
  name: string;
  nameEs: string | null;
  description: string | null;
  /** A UN/ECE Recommendation 20 code (C62 unit, H87 piece, KGM kilogram…). */
  unit: string;
  barcode: string | null;
  /** Decimal strings, zero or more, up to 6 decimals, in `currency`. */
  salesPrice: string | null;
  purchasePrice: string | null;
  currency: string;
  salesTaxCodeIds: string[];
  purchaseTaxCodeIds: string[];
  incomeAccountId: string | null;
  expenseAccountId: string | null;
}

export interface Product extends ProductFields {
  id: string;
  archivedAt: string | null;
  version: number;
}

/** A new product: what is left out takes the API's default (a service, per unit, in the company's currency). */
export type NewProduct = Partial<ProductFields> & Pick<ProductFields, 'sku' | 'name'>;
/** A change: the version read plus the fields that change (the tax code lists replace the old ones; null clears). */
export type ProductPatch = Partial<ProductFields> & { version: number };

export interface Unit {
  code: string;
  /** The unit's English name ("kilogram"). */
  name: string;
}

/** A tax code as the product pickers show it. */
export interface TaxCodeSummary {
  id: string;
  code: string;
  name: string;
  nameEs: string | null;
  kind: 'vat' | 'surcharge' | 'withholding';
  rate: string;
  scope: 'sales' | 'purchases' | 'both';
  archivedAt: string | null;
}

export interface ProductsFilter {
  q: string;
  kind: ProductKind | null;
  archived: ArchivedFilter;
}

const PAGE_SIZE = 50;

export const productsQuery = (filter: ProductsFilter) =>
  infiniteQueryOptions({
    queryKey: ['products', 'list', filter],
    queryFn: ({ pageParam }) =>
      api.get<Page<Product>>('/products', {
        q: filter.q.trim() || undefined,
        kind: filter.kind ?? undefined,
        archived: filter.archived,
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const productQuery = (id: string) =>
  queryOptions({ queryKey: ['products', 'product', id], queryFn: () => api.get<Product>(`/products/${id}`) });

export const unitsQuery = queryOptions({
  queryKey: ['products', 'units'],
  queryFn: () => api.get<Items<Unit>>('/products/units'),
  staleTime: Number.POSITIVE_INFINITY,
});

/** The company's tax codes usable on one side (scope `side` or `both`); archived ones only when asked for (to name old defaults). */
export const taxCodesQuery = (side: TaxSide | null, archived: ArchivedFilter = 'exclude') =>
  queryOptions({
    queryKey: ['taxes', 'codes', { scope: side, archived }],
    queryFn: () => api.get<Items<TaxCodeSummary>>('/taxes/codes', { scope: side ?? undefined, archived }),
    staleTime: 60_000,
  });

export const createProduct = (input: NewProduct) => api.create<Product>('/products', input);
export const updateProduct = (id: string, patch: ProductPatch) => api.patch<Product>(`/products/${id}`, patch);
export const archiveProduct = (product: Pick<Product, 'id'>) => api.post<Product>(`/products/${product.id}/archive`);
export const restoreProduct = (product: Pick<Product, 'id'>) => api.post<Product>(`/products/${product.id}/restore`);

const isSpanish = (language: string) => language === 'es' || language.startsWith('es-');

/** The product's name in the UI language: the Spanish name in Spanish when it has one, else the name. */
export function productName(product: Pick<Product, 'name' | 'nameEs'>, language: string): string {
  return isSpanish(language) && product.nameEs ? product.nameEs : product.name;
}

/** A tax code's name in the UI language. */
export function taxCodeLabel(code: Pick<TaxCodeSummary, 'code' | 'name' | 'nameEs'>, language: string): string {
  return `${code.code} — ${isSpanish(language) && code.nameEs ? code.nameEs : code.name}`;
}
