import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api, buildUrl } from '../../../app/api.ts';
import type { Page } from '../../../app/types.ts';
import type { Entry } from '../finance-api.ts';

// Shapes of /api/v1/ledger/fx (see src/modules/ledger/fx) as the exchange rates page uses them.

export interface ExchangeRate {
  currency: string;
  quote: string;
  date: string;
  /** Units of `quote` one unit of `currency` is worth, up to 10 decimals. */
  rate: string;
  source: 'manual' | 'csv' | 'journal';
  createdAt: string;
}

export interface RevaluationRow {
  accountId: string;
  accountCode: string;
  accountName: string;
  currency: string;
  foreignBalance: string;
  baseValue: string;
  rate: string;
  rateDate: string;
  revaluedValue: string;
  difference: string;
}

export interface RevaluationPreview {
  date: string;
  reversalDate: string;
  rows: RevaluationRow[];
  totalGain: string;
  totalLoss: string;
  gainAccount: { id: string; code: string; name: string } | null;
  lossAccount: { id: string; code: string; name: string } | null;
}

export interface RevaluationResult extends RevaluationPreview {
  entry: Entry;
  reversal: Entry;
}

export interface RatesFilter {
  currency: string;
  from: string;
  to: string;
}

const PAGE_SIZE = 50;

/**
 * The add/edit form, checked in the browser with the API's rules (src/modules/ledger/fx/exchange-rates.ts
 * and money.ts): an ISO currency, a date, a positive decimal rate with at most 10 decimals. The API checks
 * again and its field errors are shown the same way.
 */
export const rateForm = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency'),
    quote: z.union([z.literal(''), z.string().regex(/^[A-Z]{3}$/, 'currency')]),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date'),
    rate: z
      .string()
      .regex(/^\d{1,10}(\.\d{1,10})?$/, 'rate')
      .refine((s) => /[1-9]/.test(s), 'ratePositive'),
  })
  .refine((f) => f.quote === '' || f.quote !== f.currency, { path: ['quote'], message: 'sameCurrency' });
export type RateForm = z.input<typeof rateForm>;

export const ratesQuery = (filter: RatesFilter) =>
  infiniteQueryOptions({
    queryKey: ['ledger', 'fx', 'rates', filter],
    queryFn: ({ pageParam }) =>
      api.get<Page<ExchangeRate>>('/ledger/fx/rates', {
        limit: PAGE_SIZE,
        cursor: pageParam,
        currency: filter.currency.trim().toUpperCase(),
        from: filter.from,
        to: filter.to,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const setRate = (form: z.output<typeof rateForm>) =>
  api.put<ExchangeRate>('/ledger/fx/rates', {
    currency: form.currency,
    ...(form.quote ? { quote: form.quote } : {}),
    date: form.date,
    rate: form.rate,
  });

export const deleteRate = (rate: ExchangeRate) =>
  api.delete(`/ledger/fx/rates/${encodeURIComponent(rate.currency)}/${encodeURIComponent(rate.quote)}/${rate.date}`);

export const MAX_RATES_CSV_LENGTH = 5_000_000;

export const importRates = (csv: string) =>
  api.create<{ created: number; updated: number; unchanged: number }>('/ledger/fx/rates/import', { csv });

export const ratesExportUrl = (currency: string) => buildUrl('/ledger/fx/rates/export.csv', { currency: currency.trim().toUpperCase() });

export const revaluationPreviewQuery = (date: string) =>
  queryOptions({
    queryKey: ['ledger', 'fx', 'revaluation-preview', date],
    queryFn: () => api.get<RevaluationPreview>('/ledger/fx/revaluations/preview', { date }),
    retry: false,
  });

export const postRevaluation = (date: string) => api.create<RevaluationResult>('/ledger/fx/revaluations', { date });
