/** The general ledger's public face: other modules import only from here. */
export type { Account, AccountType } from './account-model.ts';
export { archiveAccount } from './archive-account.ts';
export { exportChartCsv, type ImportChartCsvResult, importChartCsv } from './chart-csv.ts';
export { applyChartTemplate, CHART_TEMPLATES, type ChartTemplate } from './chart-templates.ts';
export { type CreateAccountInput, createAccount } from './create-account.ts';
export { createDraftEntry } from './create-draft-entry.ts';
export type { Entry } from './entry-model.ts';
export { DEFAULT_JOURNALS, type Journal, listJournals } from './journals.ts';
export { listAccounts } from './list-accounts.ts';
export { getEntry, listEntries } from './list-entries.ts';
export { getLockDate, setLockDate } from './lock-date.ts';
export { formatAmount, fromUnits, toUnits } from './money.ts';
export { postDraftEntry } from './post-draft-entry.ts';
export { type PostEntryInput, postEntry, postNewEntry } from './post-entry.ts';
export { type ReverseEntryInput, reverseEntry } from './reverse-entry.ts';
export { ledgerRoutes } from './routes.ts';
export { type TrialBalance, trialBalance } from './trial-balance.ts';
