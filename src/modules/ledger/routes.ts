import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/context.ts';
import { idParams, page } from '../../platform/http/schemas.ts';
import { accountSchema } from './account-model.ts';
import { archiveAccount } from './archive-account.ts';
import { balancesRoutes } from './balances/balances-routes.ts';
import { exportChartCsv, importChartCsv, importChartCsvInput, importChartCsvResult } from './chart-csv.ts';
import { createAccount, createAccountInput } from './create-account.ts';
import { createDraftEntry } from './create-draft-entry.ts';
import { entrySchema } from './entry-model.ts';
import { fxRoutes } from './fx/fx-routes.ts';
import { journalFileRoutes } from './journal-file/journal-file-routes.ts';
import { journalSchema, listJournals } from './journals.ts';
import { listAccounts, listAccountsQuery } from './list-accounts.ts';
import { getEntry, listEntries, listEntriesQuery } from './list-entries.ts';
import { getLockDate, lockDateSchema, setLockDate, setLockDateInput } from './lock-date.ts';
import { periodsRoutes } from './periods/periods-routes.ts';
import { postDraftEntry } from './post-draft-entry.ts';
import { postEntryInput, postNewEntry } from './post-entry.ts';
import { reportsRoutes } from './reports/reports-routes.ts';
import { reverseEntry, reverseEntryInput } from './reverse-entry.ts';

const tags = ['ledger'];

export async function ledgerRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/ledger/accounts',
    {
      schema: {
        tags,
        summary: 'The chart of accounts, in code order',
        querystring: listAccountsQuery,
        response: { 200: page(accountSchema) },
      },
      config: { access: 'ledger:read' },
    },
    async (request) => listAccounts(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/ledger/accounts',
    {
      schema: { tags, summary: 'Add an account to the chart', body: createAccountInput, response: { 201: accountSchema } },
      config: { access: 'ledger:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await createAccount(contextOf(request), request.body)),
  );

  app.get(
    '/api/v1/ledger/accounts/export.csv',
    {
      schema: {
        tags,
        summary: 'The chart of accounts as CSV (code,name,name_es,type,subtype,parent_code,archived), archived accounts included',
      },
      config: { access: 'ledger:read' },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="chart-of-accounts.csv"')
        .send(await exportChartCsv(contextOf(request))),
  );

  app.post(
    '/api/v1/ledger/accounts/import',
    {
      schema: {
        tags,
        summary: 'Import a chart of accounts CSV, all or nothing; errors name their CSV line and column',
        body: importChartCsvInput,
        response: { 200: importChartCsvResult },
      },
      config: { access: 'ledger:write', idempotent: true },
    },
    async (request) => importChartCsv(contextOf(request), request.body.csv),
  );

  app.post(
    '/api/v1/ledger/accounts/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive an account (it keeps its history, takes no new postings)',
        params: idParams,
        response: { 200: accountSchema },
      },
      config: { access: 'ledger:write' },
    },
    async (request) => archiveAccount(contextOf(request), request.params.id),
  );

  app.get(
    '/api/v1/ledger/journals',
    {
      schema: { tags, summary: 'Journals of the company', response: { 200: z.object({ items: z.array(journalSchema) }) } },
      config: { access: 'ledger:read' },
    },
    async (request) => ({ items: await listJournals(contextOf(request)) }),
  );

  app.get(
    '/api/v1/ledger/entries',
    {
      schema: { tags, summary: 'Journal entries, newest first', querystring: listEntriesQuery, response: { 200: page(entrySchema) } },
      config: { access: 'ledger:read' },
    },
    async (request) => listEntries(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/ledger/entries',
    {
      schema: {
        tags,
        summary: 'Create a journal entry and post it (or keep it as a draft with ?status=draft)',
        querystring: z.strictObject({ status: z.enum(['draft', 'posted']).default('posted') }),
        body: postEntryInput,
        response: { 201: entrySchema },
      },
      config: { access: 'ledger:write', idempotent: true },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const entry = request.query.status === 'draft' ? await createDraftEntry(ctx, request.body) : await postNewEntry(ctx, request.body);
      return reply.status(201).send(entry);
    },
  );

  app.get(
    '/api/v1/ledger/entries/:id',
    {
      schema: { tags, summary: 'One journal entry with its lines', params: idParams, response: { 200: entrySchema } },
      config: { access: 'ledger:read' },
    },
    async (request) => getEntry(contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/ledger/entries/:id/post',
    {
      schema: { tags, summary: 'Post a draft entry', params: idParams, response: { 200: entrySchema } },
      config: { access: 'ledger:write' },
    },
    async (request) => postDraftEntry(contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/ledger/entries/:id/reverse',
    {
      schema: {
        tags,
        summary: 'Reverse a posted entry with a new, linked entry',
        params: idParams,
        body: reverseEntryInput.optional(),
        response: { 201: entrySchema },
      },
      config: { access: 'ledger:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await reverseEntry(contextOf(request), request.params.id, request.body ?? {})),
  );

  app.get(
    '/api/v1/ledger/lock-date',
    { schema: { tags, summary: 'The lock date', response: { 200: lockDateSchema } }, config: { access: 'ledger:read' } },
    async (request) => getLockDate(contextOf(request)),
  );

  app.put(
    '/api/v1/ledger/lock-date',
    {
      schema: { tags, summary: 'Lock the books up to a date (null unlocks)', body: setLockDateInput, response: { 200: lockDateSchema } },
      config: { access: 'ledger:write' },
    },
    async (request) => setLockDate(contextOf(request), request.body),
  );

  await reportsRoutes(api);
  await periodsRoutes(api);
  await balancesRoutes(api);
  await fxRoutes(api);
  await journalFileRoutes(api);
}
