import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/context.ts';
import { idParams, page, version } from '../../platform/http/schemas.ts';
import { creditInvoice, creditInvoiceInput } from './credit-invoice.ts';
import { invoiceSchema } from './invoice-model.ts';
import { issueInvoice, issueInvoiceInput } from './issue-invoice.ts';
import { listInvoices, listInvoicesQuery } from './list-invoices.ts';
import { createInvoice, createInvoiceInput, deleteInvoice, getInvoice, updateInvoice, updateInvoiceInput } from './save-invoice.ts';

const tags = ['invoices'];

export async function invoicesRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/invoices',
    {
      schema: { tags, summary: 'Sales invoices, newest first', querystring: listInvoicesQuery, response: { 200: page(invoiceSchema) } },
      config: { access: 'sales:read' },
    },
    async (request) => listInvoices(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/invoices',
    {
      schema: { tags, summary: 'A new draft invoice', body: createInvoiceInput, response: { 201: invoiceSchema } },
      config: { access: 'sales:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await createInvoice(contextOf(request), request.body)),
  );

  app.get(
    '/api/v1/invoices/:id',
    { schema: { tags, summary: 'One invoice', params: idParams, response: { 200: invoiceSchema } }, config: { access: 'sales:read' } },
    async (request) => getInvoice(contextOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/invoices/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft (lines replace the list)',
        params: idParams,
        body: updateInvoiceInput,
        response: { 200: invoiceSchema },
      },
      config: { access: 'sales:write' },
    },
    async (request) => updateInvoice(contextOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/invoices/:id',
    {
      schema: {
        tags,
        summary: 'Delete a draft',
        params: idParams,
        querystring: z.strictObject({ version: z.coerce.number().pipe(version) }),
      },
      config: { access: 'sales:write' },
    },
    async (request, reply) => {
      await deleteInvoice(contextOf(request), request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/invoices/:id/issue',
    {
      schema: {
        tags,
        summary: 'Issue a draft: gapless number, posted to the sales journal, never changed again',
        params: idParams,
        body: issueInvoiceInput,
        response: { 200: invoiceSchema },
      },
      config: { access: 'sales:write' },
    },
    async (request) => issueInvoice(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/invoices/:id/credit',
    {
      schema: {
        tags,
        summary: 'Credit an issued invoice, wholly or line by line, with a credit note issued and posted at once',
        params: idParams,
        body: creditInvoiceInput,
        response: { 201: invoiceSchema },
      },
      config: { access: 'sales:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await creditInvoice(contextOf(request), request.params.id, request.body)),
  );
}
