import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/context.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { computeDocument, computeDocumentInput } from './compute-document.ts';
import { addDefaultTaxCodesFor } from './default-tax-codes.ts';
import { taxCodeSchema } from './tax-code-model.ts';
import {
  createTaxCode,
  createTaxCodeInput,
  listTaxCodes,
  listTaxCodesQuery,
  setTaxCodeArchived,
  updateTaxCode,
  updateTaxCodeInput,
} from './tax-codes.ts';
import { getTaxSettings, setTaxSettings, setTaxSettingsInput, taxSettingsSchema } from './tax-settings.ts';

const tags = ['taxes'];
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const taxedDocument = z.object({
  lines: z.array(z.object({ net: z.string(), taxes: z.array(z.object({ taxId: z.string(), base: z.string(), amount: z.string() })) })),
  taxes: z.array(
    z.object({ taxId: z.string(), kind: z.string(), rate: z.string(), reverseCharge: z.boolean(), base: z.string(), amount: z.string() }),
  ),
  net: z.string(),
  tax: z.string(),
  withholding: z.string(),
  reverseChargeTax: z.string(),
  total: z.string(),
});

export async function taxesRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/taxes/codes',
    {
      schema: { tags, summary: "The company's tax codes", querystring: listTaxCodesQuery, response: { 200: items(taxCodeSchema) } },
      config: { access: 'taxes:read' },
    },
    async (request) => listTaxCodes(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/taxes/codes',
    {
      schema: { tags, summary: 'Add a tax code', body: createTaxCodeInput, response: { 201: taxCodeSchema } },
      config: { access: 'taxes:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await createTaxCode(contextOf(request), request.body)),
  );

  app.post(
    '/api/v1/taxes/codes/defaults',
    {
      schema: {
        tags,
        summary: "Add the standard tax codes of the company's country that it lacks",
        response: { 200: items(taxCodeSchema) },
      },
      config: { access: 'taxes:write' },
    },
    async (request) => addDefaultTaxCodesFor(contextOf(request)),
  );

  app.patch(
    '/api/v1/taxes/codes/:id',
    {
      schema: {
        tags,
        summary: 'Change a tax code (its rate and kind never change: add a new code)',
        params: idParams,
        body: updateTaxCodeInput,
        response: { 200: taxCodeSchema },
      },
      config: { access: 'taxes:write' },
    },
    async (request) => updateTaxCode(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/taxes/codes/:id/archive',
    {
      schema: { tags, summary: 'Archive a tax code', params: idParams, response: { 200: taxCodeSchema } },
      config: { access: 'taxes:write' },
    },
    async (request) => setTaxCodeArchived(contextOf(request), request.params.id, true),
  );

  app.post(
    '/api/v1/taxes/codes/:id/restore',
    {
      schema: { tags, summary: 'Restore an archived tax code', params: idParams, response: { 200: taxCodeSchema } },
      config: { access: 'taxes:write' },
    },
    async (request) => setTaxCodeArchived(contextOf(request), request.params.id, false),
  );

  app.get(
    '/api/v1/taxes/settings',
    { schema: { tags, summary: 'How taxes are rounded', response: { 200: taxSettingsSchema } }, config: { access: 'taxes:read' } },
    async (request) => getTaxSettings(contextOf(request)),
  );

  app.put(
    '/api/v1/taxes/settings',
    {
      schema: {
        tags,
        summary: 'Choose per-line or per-document rounding',
        body: setTaxSettingsInput,
        response: { 200: taxSettingsSchema },
      },
      config: { access: 'taxes:write' },
    },
    async (request) => setTaxSettings(contextOf(request), request.body),
  );

  app.post(
    '/api/v1/taxes/compute',
    {
      schema: {
        tags,
        summary: "A document's line nets, taxes and totals with the company's tax codes and rounding (writes nothing)",
        body: computeDocumentInput,
        response: { 200: taxedDocument },
      },
      config: { access: 'taxes:read' },
    },
    async (request) => computeDocument(contextOf(request), request.body),
  );
}
