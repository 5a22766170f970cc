import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../../platform/http/context.ts';
import { page } from '../../../platform/http/schemas.ts';
import {
  deleteRate,
  exchangeRateSchema,
  listRates,
  listRatesQuery,
  rateAtQuery,
  rateAtSchema,
  rateKey,
  readRateAt,
  setRate,
  setRateInput,
} from './exchange-rates.ts';
import { fxSettlementResultSchema, postFxSettlement, postFxSettlementInput } from './post-settlement.ts';
import { exportRatesCsv, exportRatesQuery, importRatesCsv, importRatesCsvInput, importRatesCsvResult } from './rates-csv.ts';
import {
  postRevaluation,
  previewRevaluation,
  revaluationInput,
  revaluationPreviewSchema,
  revaluationQuery,
  revaluationResultSchema,
} from './revaluation.ts';

const tags = ['ledger'];

/** Exchange rates, unrealized revaluation and realized settlements. */
export async function fxRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/ledger/fx/rates',
    {
      schema: {
        tags,
        summary: 'Exchange rates, newest first; filter by currency (either side) and dates',
        querystring: listRatesQuery,
        response: { 200: page(exchangeRateSchema) },
      },
      config: { access: 'ledger:read' },
    },
    async (request) => listRates(contextOf(request), request.query),
  );

  app.put(
    '/api/v1/ledger/fx/rates',
    {
      schema: {
        tags,
        summary: 'Set the rate of a currency on a date (against the base currency unless a quote is given); replaces the one there is',
        body: setRateInput,
        response: { 200: exchangeRateSchema },
      },
      config: { access: 'ledger:write' },
    },
    async (request) => setRate(contextOf(request), request.body),
  );

  app.delete(
    '/api/v1/ledger/fx/rates/:currency/:quote/:date',
    {
      schema: { tags, summary: 'Delete one rate', params: rateKey },
      config: { access: 'ledger:write' },
    },
    async (request, reply) => {
      await deleteRate(contextOf(request), request.params);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/ledger/fx/rates/at',
    {
      schema: {
        tags,
        summary: 'The rate a currency converts to the base currency at on a date (the latest on or before it)',
        querystring: rateAtQuery,
        response: { 200: rateAtSchema },
      },
      config: { access: 'ledger:read' },
    },
    async (request) => readRateAt(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/ledger/fx/rates/import',
    {
      schema: {
        tags,
        summary: 'Import rates from CSV (date,currency,rate[,quote]), all or nothing; errors name their line and column',
        body: importRatesCsvInput,
        response: { 200: importRatesCsvResult },
      },
      config: { access: 'ledger:write', idempotent: true },
    },
    async (request) => importRatesCsv(contextOf(request), request.body.csv),
  );

  app.get(
    '/api/v1/ledger/fx/rates/export.csv',
    {
      schema: { tags, summary: 'Exchange rates as CSV (date,currency,rate,quote), oldest first', querystring: exportRatesQuery },
      config: { access: 'ledger:read' },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="exchange-rates.csv"')
        .send(await exportRatesCsv(contextOf(request), request.query)),
  );

  app.get(
    '/api/v1/ledger/fx/revaluations/preview',
    {
      schema: {
        tags,
        summary: 'What revaluing foreign-currency balances at a date would post (refuses as posting would)',
        querystring: revaluationQuery,
        response: { 200: revaluationPreviewSchema },
      },
      config: { access: 'ledger:read' },
    },
    async (request) => previewRevaluation(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/ledger/fx/revaluations',
    {
      schema: {
        tags,
        summary: 'Post the unrealized exchange differences at a date, and their reversal the next day',
        body: revaluationInput,
        response: { 201: revaluationResultSchema },
      },
      config: { access: 'ledger:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await postRevaluation(contextOf(request), request.body)),
  );

  app.post(
    '/api/v1/ledger/fx/settlements',
    {
      schema: {
        tags,
        summary: 'Post the payment of a foreign-currency receivable or payable with its realized exchange difference',
        body: postFxSettlementInput,
        response: { 201: fxSettlementResultSchema },
      },
      config: { access: 'ledger:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await postFxSettlement(contextOf(request), request.body)),
  );
}
