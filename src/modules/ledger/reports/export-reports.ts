import { z } from 'zod';
import type { ServiceContext } from '../../../platform/context.ts';
import { trialBalance, trialBalanceFilters, trialBalanceRanges } from '../trial-balance.ts';
import { validate } from '../validate.ts';
import { balanceSheet, balanceSheetFilters } from './balance-sheet.ts';
import { cashFlow, cashFlowFilters, cashFlowRanges } from './cash-flow.ts';
import { labelsFor } from './export/labels.ts';
import { renderTable } from './export/render.ts';
import { EXPORT_FORMATS, EXPORT_LANGUAGES, type ExportFile } from './export/report-table.ts';
import { balanceSheetTable, cashFlowTable, generalLedgerTable, profitAndLossTable, trialBalanceTable } from './export/tables.ts';
import { generalLedgerFilters, generalLedgerRanges, wholeGeneralLedger } from './general-ledger.ts';
import { profitAndLoss, profitAndLossFilters, profitAndLossRanges } from './profit-and-loss.ts';
import { rangesInOrder } from './report-model.ts';

/** What every export adds to its report's filters: the file format and the language of its words. */
const exportOptions = {
  format: z.enum(EXPORT_FORMATS),
  lang: z.enum(EXPORT_LANGUAGES).default('en'),
};

export const balanceSheetExportQuery = z.strictObject({ ...balanceSheetFilters, ...exportOptions });
export const profitAndLossExportQuery = z
  .strictObject({ ...profitAndLossFilters, ...exportOptions })
  .superRefine(rangesInOrder(...profitAndLossRanges));
export const cashFlowExportQuery = z.strictObject({ ...cashFlowFilters, ...exportOptions }).superRefine(rangesInOrder(...cashFlowRanges));
export const generalLedgerExportQuery = z
  .strictObject({ ...generalLedgerFilters, ...exportOptions })
  .superRefine(rangesInOrder(...generalLedgerRanges));
export const trialBalanceExportQuery = z
  .strictObject({ ...trialBalanceFilters, ...exportOptions })
  .superRefine(rangesInOrder(...trialBalanceRanges));

export async function exportBalanceSheet(ctx: ServiceContext, raw: z.input<typeof balanceSheetExportQuery>): Promise<ExportFile> {
  const { format, lang, ...query } = validate(balanceSheetExportQuery, raw);
  return renderTable(balanceSheetTable(await balanceSheet(ctx, query), labelsFor(lang)), format, lang);
}

export async function exportProfitAndLoss(ctx: ServiceContext, raw: z.input<typeof profitAndLossExportQuery>): Promise<ExportFile> {
  const { format, lang, ...query } = validate(profitAndLossExportQuery, raw);
  return renderTable(profitAndLossTable(await profitAndLoss(ctx, query), labelsFor(lang), query), format, lang);
}

export async function exportCashFlow(ctx: ServiceContext, raw: z.input<typeof cashFlowExportQuery>): Promise<ExportFile> {
  const { format, lang, ...query } = validate(cashFlowExportQuery, raw);
  return renderTable(cashFlowTable(await cashFlow(ctx, query), labelsFor(lang)), format, lang);
}

/** The whole general ledger (no paging): a file is read from start to end. */
export async function exportGeneralLedger(ctx: ServiceContext, raw: z.input<typeof generalLedgerExportQuery>): Promise<ExportFile> {
  const { format, lang, ...query } = validate(generalLedgerExportQuery, raw);
  return renderTable(generalLedgerTable(await wholeGeneralLedger(ctx, query), labelsFor(lang), query), format, lang);
}

export async function exportTrialBalance(ctx: ServiceContext, raw: z.input<typeof trialBalanceExportQuery>): Promise<ExportFile> {
  const { format, lang, ...query } = validate(trialBalanceExportQuery, raw);
  return renderTable(trialBalanceTable(await trialBalance(ctx, query), labelsFor(lang), query), format, lang);
}
