import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Items } from '../../app/types.ts';

// Shapes of the fiscal-year and lock-date endpoints (src/modules/ledger/periods) as the Periods page uses them.

export type PeriodLock = 'everyone' | 'exceptAdmins' | 'partly' | 'open';

export interface FiscalPeriod {
  period: number;
  startDate: string;
  endDate: string;
  lock: PeriodLock;
}

export interface FiscalYear {
  year: number;
  startDate: string;
  endDate: string;
  status: 'open' | 'closed';
  /** Income minus expenses; negative is a loss. */
  result: string;
  currency: string;
  closingEntryId: string | null;
  closedAt: string | null;
  closedBy: string | null;
  periods: FiscalPeriod[];
}

export interface ClosingLine {
  accountId: string;
  accountCode: string;
  accountName: string;
  debit: string;
  credit: string;
}

export interface ClosingPreview {
  year: number;
  date: string;
  journalCode: string;
  currency: string;
  result: string;
  retainedEarnings: { id: string; code: string; name: string };
  lines: ClosingLine[];
}

export interface LockDates {
  /** Nobody posts on or before it. */
  lockDate: string | null;
  /** Nobody but admins posts on or before it. */
  periodLockDate: string | null;
}

export const fiscalYearsQuery = queryOptions({
  queryKey: ['ledger', 'fiscal-years'],
  queryFn: async () => (await api.get<Items<FiscalYear>>('/ledger/fiscal-years')).items,
});

export const closePreviewQuery = (year: number, retainedEarningsAccountId: string | null) =>
  queryOptions({
    queryKey: ['ledger', 'fiscal-years', year, 'close-preview', retainedEarningsAccountId],
    queryFn: () =>
      api.get<ClosingPreview>(`/ledger/fiscal-years/${year}/close-preview`, {
        retainedEarningsAccountId: retainedEarningsAccountId ?? undefined,
      }),
    retry: false,
  });

export const lockDatesQuery = queryOptions({
  queryKey: ['ledger', 'lock-dates'],
  queryFn: () => api.get<LockDates>('/ledger/lock-dates'),
});

export const closeFiscalYear = (year: number, retainedEarningsAccountId: string | null) =>
  api.post<FiscalYear>(`/ledger/fiscal-years/${year}/close`, retainedEarningsAccountId ? { retainedEarningsAccountId } : {});
export const reopenFiscalYear = (year: number) => api.post<FiscalYear>(`/ledger/fiscal-years/${year}/reopen`);
export const setLockDates = (change: Partial<LockDates>) => api.put<LockDates>('/ledger/lock-dates', change);
