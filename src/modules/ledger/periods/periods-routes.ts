import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../../platform/http/context.ts';
import { getLockDates, lockDatesSchema, setLockDates, setLockDatesInput } from '../lock-date.ts';
import { closeFiscalYear, previewClosing } from './close-fiscal-year.ts';
import { closeFiscalYearInput, closingPreviewSchema } from './closing-plan.ts';
import { fiscalYearSchema, yearParams } from './fiscal-year-model.ts';
import { listFiscalYears } from './list-fiscal-years.ts';
import { reopenFiscalYear } from './reopen-fiscal-year.ts';

const tags = ['ledger'];

/** Fiscal years, their close and reopen, and both lock dates. Closing and reopening are for admins (checked by the service). */
export async function periodsRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/ledger/fiscal-years',
    {
      schema: {
        tags,
        summary: 'Fiscal years, newest first, with status, result and monthly periods',
        response: { 200: z.object({ items: z.array(fiscalYearSchema) }) },
      },
      config: { access: 'ledger:read' },
    },
    async (request) => ({ items: await listFiscalYears(contextOf(request)) }),
  );

  app.get(
    '/api/v1/ledger/fiscal-years/:year/close-preview',
    {
      schema: {
        tags,
        summary: 'The closing entry closing the year would post (refuses as closing would)',
        params: yearParams,
        querystring: closeFiscalYearInput,
        response: { 200: closingPreviewSchema },
      },
      config: { access: 'ledger:read' },
    },
    async (request) => previewClosing(contextOf(request), request.params.year, request.query),
  );

  app.post(
    '/api/v1/ledger/fiscal-years/:year/close',
    {
      schema: {
        tags,
        summary: 'Close a fiscal year (admins): move its result to retained earnings, lock it, open the next',
        params: yearParams,
        // Left out (no body at all) when the chart has its one retained earnings account.
        body: closeFiscalYearInput.nullish(),
        response: { 200: fiscalYearSchema },
      },
      config: { access: 'ledger:write' },
    },
    async (request) => closeFiscalYear(contextOf(request), request.params.year, request.body ?? {}),
  );

  app.post(
    '/api/v1/ledger/fiscal-years/:year/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a closed fiscal year (admins): unlock it and reverse its closing entry',
        params: yearParams,
        response: { 200: fiscalYearSchema },
      },
      config: { access: 'ledger:write' },
    },
    async (request) => reopenFiscalYear(contextOf(request), request.params.year),
  );

  app.get(
    '/api/v1/ledger/lock-dates',
    {
      schema: { tags, summary: 'Both lock dates: for everyone, and for everyone but admins', response: { 200: lockDatesSchema } },
      config: { access: 'ledger:read' },
    },
    async (request) => getLockDates(contextOf(request)),
  );

  app.put(
    '/api/v1/ledger/lock-dates',
    {
      schema: {
        tags,
        summary: 'Move either lock date (null unlocks); moving one back is for admins',
        body: setLockDatesInput,
        response: { 200: lockDatesSchema },
      },
      config: { access: 'ledger:write' },
    },
    async (request) => setLockDates(contextOf(request), request.body),
  );
}
