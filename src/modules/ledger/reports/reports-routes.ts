import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../../platform/http/context.ts';
import { trialBalance, trialBalanceQuery, trialBalanceSchema } from '../trial-balance.ts';
import { balanceSheet, balanceSheetQuery, balanceSheetSchema } from './balance-sheet.ts';
import { cashFlow, cashFlowQuery, cashFlowSchema } from './cash-flow.ts';
import type { ExportFile } from './export/report-table.ts';
import {
  balanceSheetExportQuery,
  cashFlowExportQuery,
  exportBalanceSheet,
  exportCashFlow,
  exportGeneralLedger,
  exportProfitAndLoss,
  exportTrialBalance,
  generalLedgerExportQuery,
  profitAndLossExportQuery,
  trialBalanceExportQuery,
} from './export-reports.ts';
import { generalLedger, generalLedgerQuery, generalLedgerSchema } from './general-ledger.ts';
import { profitAndLoss, profitAndLossQuery, profitAndLossSchema } from './profit-and-loss.ts';

const tags = ['ledger reports'];
const read = { access: 'ledger:read' } as const;
const exportSummary = (what: string) => `${what} as a CSV, XLSX or PDF download (?format=csv|xlsx|pdf, &lang=en|es)`;

function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
}

/** Financial statements over posted entries, in the base currency; read-only. */
export async function reportsRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/ledger/reports/trial-balance',
    {
      schema: { tags, summary: 'Trial balance over posted entries', querystring: trialBalanceQuery, response: { 200: trialBalanceSchema } },
      config: read,
    },
    async (request) => trialBalance(contextOf(request), request.query),
  );
  app.get(
    '/api/v1/ledger/reports/trial-balance/export',
    { schema: { tags, summary: exportSummary('The trial balance'), querystring: trialBalanceExportQuery }, config: read },
    async (request, reply) => sendFile(reply, await exportTrialBalance(contextOf(request), request.query)),
  );

  app.get(
    '/api/v1/ledger/reports/general-ledger',
    {
      schema: {
        tags,
        summary: 'General ledger: opening balance, lines with running balance and closing balance per account (lines paged by cursor)',
        querystring: generalLedgerQuery,
        response: { 200: generalLedgerSchema },
      },
      config: read,
    },
    async (request) => generalLedger(contextOf(request), request.query),
  );
  app.get(
    '/api/v1/ledger/reports/general-ledger/export',
    { schema: { tags, summary: exportSummary('The whole general ledger'), querystring: generalLedgerExportQuery }, config: read },
    async (request, reply) => sendFile(reply, await exportGeneralLedger(contextOf(request), request.query)),
  );

  app.get(
    '/api/v1/ledger/reports/balance-sheet',
    {
      schema: {
        tags,
        summary: 'Balance sheet at a date, optionally compared with another',
        querystring: balanceSheetQuery,
        response: { 200: balanceSheetSchema },
      },
      config: read,
    },
    async (request) => balanceSheet(contextOf(request), request.query),
  );
  app.get(
    '/api/v1/ledger/reports/balance-sheet/export',
    { schema: { tags, summary: exportSummary('The balance sheet'), querystring: balanceSheetExportQuery }, config: read },
    async (request, reply) => sendFile(reply, await exportBalanceSheet(contextOf(request), request.query)),
  );

  app.get(
    '/api/v1/ledger/reports/profit-and-loss',
    {
      schema: {
        tags,
        summary: 'Profit and loss over a range, optionally compared with another range and filtered by dimension',
        querystring: profitAndLossQuery,
        response: { 200: profitAndLossSchema },
      },
      config: read,
    },
    async (request) => profitAndLoss(contextOf(request), request.query),
  );
  app.get(
    '/api/v1/ledger/reports/profit-and-loss/export',
    { schema: { tags, summary: exportSummary('The profit and loss'), querystring: profitAndLossExportQuery }, config: read },
    async (request, reply) => sendFile(reply, await exportProfitAndLoss(contextOf(request), request.query)),
  );

  app.get(
    '/api/v1/ledger/reports/cash-flow',
    {
      schema: {
        tags,
        summary: 'Cash flow statement (indirect method) over a range, checked against the change of the cash and bank accounts',
        querystring: cashFlowQuery,
        response: { 200: cashFlowSchema },
      },
      config: read,
    },
    async (request) => cashFlow(contextOf(request), request.query),
  );
  app.get(
    '/api/v1/ledger/reports/cash-flow/export',
    { schema: { tags, summary: exportSummary('The cash flow statement'), querystring: cashFlowExportQuery }, config: read },
    async (request, reply) => sendFile(reply, await exportCashFlow(contextOf(request), request.query)),
  );
}
