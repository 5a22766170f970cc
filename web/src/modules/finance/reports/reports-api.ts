import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, buildUrl, type Query } from '../../../app/api.ts';
import type { AccountType } from '../finance-api.ts';

// Shapes of /api/v1/ledger/reports (see src/modules/ledger/reports). Statement amounts carry the sign an
// accountant expects (normal balance positive); general-ledger balances are debit minus credit.

export const REPORT_VIEWS = ['balance-sheet', 'profit-and-loss', 'cash-flow', 'general-ledger'] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface AmountPair {
  amount: string;
  compare: string | null;
}

export interface StatementLine extends AmountPair {
  accountId: string | null;
  code: string | null;
  name: string;
  nameEs: string | null;
}

export interface StatementGroup {
  subtype: string | null;
  lines: StatementLine[];
  total: AmountPair;
}

export interface StatementSection {
  key: string;
  groups: StatementGroup[];
  total: AmountPair;
}

export interface BalanceSheet {
  at: string;
  compareAt: string | null;
  currency: string;
  assets: StatementSection;
  liabilities: StatementSection;
  equity: StatementSection;
  liabilitiesAndEquity: AmountPair;
  difference: AmountPair;
  balanced: boolean;
}

export interface ProfitAndLoss {
  from: string | null;
  to: string | null;
  compareFrom: string | null;
  compareTo: string | null;
  currency: string;
  income: StatementSection;
  expenses: StatementSection;
  netResult: AmountPair;
}

export interface CashFlow {
  from: string | null;
  to: string | null;
  currency: string;
  operating: StatementSection;
  investing: StatementSection;
  financing: StatementSection;
  netChange: AmountPair;
  cash: { opening: string; closing: string; change: string };
  difference: string;
  balanced: boolean;
}

export interface LedgerAccountSummary {
  accountId: string;
  code: string;
  name: string;
  nameEs: string | null;
  type: AccountType;
  opening: string;
  debit: string;
  credit: string;
  closing: string;
}

export interface LedgerLine {
  accountId: string;
  date: string;
  entryId: string;
  lineNo: number;
  journalCode: string;
  fiscalYear: number;
  number: number;
  memo: string | null;
  reference: string | null;
  description: string | null;
  debit: string;
  credit: string;
  balance: string;
}

export interface GeneralLedger {
  from: string | null;
  to: string | null;
  currency: string;
  accounts: LedgerAccountSummary[];
  lines: LedgerLine[];
  nextCursor: string | null;
}

/** The filters the page holds; each report sends the ones it understands. */
export interface ReportFilters {
  from: string;
  to: string;
  compare: boolean;
  compareFrom: string;
  compareTo: string;
  costCenter: string;
  project: string;
  department: string;
}

const dims = (f: ReportFilters): Query => ({ costCenter: f.costCenter.trim(), project: f.project.trim(), department: f.department.trim() });

/** The query string each report takes (empty values are dropped by buildUrl). */
export function reportQuery(view: ReportView, f: ReportFilters, accountId?: string): Query {
  switch (view) {
    case 'balance-sheet':
      return { at: f.to, compareAt: f.compare ? f.compareTo : '' };
    case 'profit-and-loss':
      return { from: f.from, to: f.to, ...(f.compare ? { compareFrom: f.compareFrom, compareTo: f.compareTo } : {}), ...dims(f) };
    case 'cash-flow':
      return { from: f.from, to: f.to };
    case 'general-ledger':
      return { from: f.from, to: f.to, accountId, ...dims(f) };
  }
}

/** Every report that has a download (the trial balance has its own page). */
export type ExportableReport = ReportView | 'trial-balance';

export const reportUrl = (report: ExportableReport) => `/ledger/reports/${report}`;

/** A same-origin download link (the session cookie authenticates it). */
export const exportUrl = (report: ExportableReport, query: Query, format: ExportFormat, lang: string) =>
  buildUrl(`${reportUrl(report)}/export`, { ...query, format, lang: lang.startsWith('es') ? 'es' : 'en' });

export const statementQuery = <T>(view: Exclude<ReportView, 'general-ledger'>, query: Query) =>
  queryOptions({ queryKey: ['ledger', 'reports', view, query], queryFn: () => api.get<T>(reportUrl(view), query) });

const LEDGER_PAGE = 200;

export const generalLedgerQuery = (query: Query) =>
  infiniteQueryOptions({
    queryKey: ['ledger', 'reports', 'general-ledger', query],
    queryFn: ({ pageParam }) => api.get<GeneralLedger>(reportUrl('general-ledger'), { ...query, limit: LEDGER_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
