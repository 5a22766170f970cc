import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, buildUrl } from '../../app/api.ts';
import type { Items, Page } from '../../app/types.ts';

// Shapes of /api/v1/ledger as the finance pages use them (see src/modules/ledger).

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export type ArchivedFilter = 'exclude' | 'include' | 'only';

export interface LedgerAccount {
  id: string;
  code: string;
  name: string;
  nameEs: string | null;
  type: AccountType;
  subtype: string | null;
  parentId: string | null;
  archivedAt: string | null;
  version: number;
}

export interface Journal {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface EntryLine {
  lineNo: number;
  accountId: string;
  accountCode: string;
  accountName: string;
  description: string | null;
  debit: string;
  credit: string;
  currency: string;
  amountCurrency: string;
  rate: string;
}

export interface Entry {
  id: string;
  journalCode: string;
  fiscalYear: number;
  number: number | null;
  date: string;
  memo: string | null;
  reference: string | null;
  status: 'draft' | 'posted';
  reversalOf: string | null;
  reversedBy: string | null;
  postedAt: string | null;
  version: number;
  totalDebit: string;
  totalCredit: string;
  lines: EntryLine[];
}

export interface TrialBalanceRow {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  debit: string;
  credit: string;
  balance: string;
}

export interface TrialBalance {
  from: string | null;
  to: string | null;
  currency: string;
  rows: TrialBalanceRow[];
  totals: { debit: string; credit: string };
}

export interface NewAccount {
  code: string;
  name: string;
  nameEs?: string;
  type: AccountType;
  subtype?: string;
}

export interface NewEntryLine {
  accountCode: string;
  debit?: string;
  credit?: string;
}

export interface NewEntry {
  journalCode: string;
  date: string;
  memo?: string;
  reference?: string;
  lines: NewEntryLine[];
}

const PAGE_SIZE = 50;
const MAX_PAGE = 200;

export const accountsQuery = (type: AccountType | null, archived: ArchivedFilter) =>
  infiniteQueryOptions({
    queryKey: ['ledger', 'accounts', { type, archived }],
    queryFn: ({ pageParam }) =>
      api.get<Page<LedgerAccount>>('/ledger/accounts', { limit: PAGE_SIZE, cursor: pageParam, type: type ?? undefined, archived }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** The whole chart (it is small; pages of 200 are read until the end), for pickers and report names. */
export const wholeChartQuery = (archived: ArchivedFilter) =>
  queryOptions({
    queryKey: ['ledger', 'accounts', 'whole', archived],
    queryFn: async () => {
      const all: LedgerAccount[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<LedgerAccount>>('/ledger/accounts', { limit: MAX_PAGE, cursor, archived });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
    staleTime: 60_000,
  });

export const journalsQuery = queryOptions({
  queryKey: ['ledger', 'journals'],
  queryFn: () => api.get<Items<Journal>>('/ledger/journals'),
  staleTime: 5 * 60_000,
});

export const entriesQuery = infiniteQueryOptions({
  queryKey: ['ledger', 'entries'],
  queryFn: ({ pageParam }) => api.get<Page<Entry>>('/ledger/entries', { limit: PAGE_SIZE, cursor: pageParam }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export const entryQuery = (id: string) =>
  queryOptions({ queryKey: ['ledger', 'entry', id], queryFn: () => api.get<Entry>(`/ledger/entries/${id}`) });

export const lockDateQuery = queryOptions({
  queryKey: ['ledger', 'lock-date'],
  queryFn: () => api.get<{ lockDate: string | null }>('/ledger/lock-date'),
});

export const trialBalanceQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ['ledger', 'trial-balance', { from, to }],
    queryFn: () => api.get<TrialBalance>('/ledger/reports/trial-balance', { from, to }),
  });

export interface ChartImportResult {
  created: number;
  unchanged: number;
}

/** The largest CSV the import accepts (the API's limit on the `csv` field). */
export const MAX_CHART_CSV_LENGTH = 1_000_000;
/** Same-origin GET with the session cookie; the response is a CSV attachment. */
export const chartExportUrl = buildUrl('/ledger/accounts/export.csv');
export const importChart = (csv: string) => api.create<ChartImportResult>('/ledger/accounts/import', { csv });

export type JournalFileFormat = 'journal' | 'csv';

export interface JournalImportInput {
  content: string;
  fileName: string;
  format: JournalFileFormat;
  /** The journal the entries go to; the API uses GEN when it is left out. */
  journalCode?: string;
}

export interface JournalImportResult {
  file: string;
  journalCode: string;
  transactions: number;
  entries: number;
  lines: number;
  skipped: number;
  accountsCreated: number;
  prices: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** The largest journal or postings CSV the import accepts (the API's limit on `content`). */
export const MAX_JOURNAL_LENGTH = 1_000_000;
/** The API's limit on `fileName`. */
const MAX_FILE_NAME = 200;
const JOURNAL_EXTENSIONS = ['.journal', '.ledger', '.hledger', '.txt'];

/** The format a file's extension says it is in (hledger's own extensions, or .csv); null when it does not say. */
export function journalFormatOf(fileName: string): JournalFileFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  return JOURNAL_EXTENSIONS.some((ext) => name.endsWith(ext)) ? 'journal' : null;
}

export const importJournalFile = (input: JournalImportInput) =>
  // Errors quote the file name; a very long one is cut from the front so its extension stays.
  api.create<JournalImportResult>('/ledger/journal/import', { ...input, fileName: input.fileName.slice(-MAX_FILE_NAME) });
/** Same-origin GET with the session cookie; the response is a `.journal` attachment named after the company. */
export const journalExportUrl = buildUrl('/ledger/journal/export');

export interface CommodityTrialBalanceRow {
  account: string;
  commodity: string;
  debit: string;
  credit: string;
  balance: string;
}

export const commodityTrialBalanceQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ['ledger', 'trial-balance-by-commodity', { from, to }],
    queryFn: () => api.get<{ rows: CommodityTrialBalanceRow[] }>('/ledger/reports/trial-balance-by-commodity', { from, to }),
  });

export const createAccount = (input: NewAccount) => api.create<LedgerAccount>('/ledger/accounts', input);
export const archiveAccount = (account: LedgerAccount) => api.post<LedgerAccount>(`/ledger/accounts/${account.id}/archive`);
export const postEntry = (input: NewEntry) => api.create<Entry>('/ledger/entries', input);
export const reverseEntry = (entry: Entry) => api.create<Entry>(`/ledger/entries/${entry.id}/reverse`, {});
export const setLockDate = (lockDate: string | null) => api.put<{ lockDate: string | null }>('/ledger/lock-date', { lockDate });

/** The account's name in the UI language: the Spanish name when the UI is Spanish and there is one. */
export function accountName(account: Pick<LedgerAccount, 'name' | 'nameEs'>, language: string): string {
  return language.startsWith('es') && account.nameEs ? account.nameEs : account.name;
}
