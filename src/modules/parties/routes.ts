import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/context.ts';
import { idParams, page } from '../../platform/http/schemas.ts';
import { listParties, listPartiesQuery } from './list-parties.ts';
import { findDuplicates, mergeParties, mergePartiesInput } from './merge-parties.ts';
import { createPartyInput, updatePartyInput } from './party-input.ts';
import { partySchema } from './party-model.ts';
import { createPaymentTerms, listPaymentTerms, paymentTermsInput, paymentTermsSchema } from './payment-terms.ts';
import { createParty, getParty, setPartyArchived, updateParty } from './save-party.ts';

const tags = ['parties'];

export async function partiesRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/parties',
    {
      schema: {
        tags,
        summary: 'Customers and suppliers in legal-name order; q matches names, tax id and email',
        querystring: listPartiesQuery,
        response: { 200: page(partySchema) },
      },
      config: { access: 'parties:read' },
    },
    async (request) => listParties(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/parties',
    {
      schema: { tags, summary: 'Add a customer or supplier', body: createPartyInput, response: { 201: partySchema } },
      config: { access: 'parties:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await createParty(contextOf(request), request.body)),
  );

  app.get(
    '/api/v1/parties/payment-terms',
    {
      schema: { tags, summary: "The company's payment terms", response: { 200: z.object({ items: z.array(paymentTermsSchema) }) } },
      config: { access: 'parties:read' },
    },
    async (request) => listPaymentTerms(contextOf(request)),
  );

  app.post(
    '/api/v1/parties/payment-terms',
    {
      schema: {
        tags,
        summary: 'Add payment terms (installments adding up to 100 %)',
        body: paymentTermsInput,
        response: { 201: paymentTermsSchema },
      },
      config: { access: 'parties:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await createPaymentTerms(contextOf(request), request.body)),
  );

  app.get(
    '/api/v1/parties/:id',
    {
      schema: { tags, summary: 'One customer or supplier', params: idParams, response: { 200: partySchema } },
      config: { access: 'parties:read' },
    },
    async (request) => getParty(contextOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/parties/:id',
    {
      schema: {
        tags,
        summary: 'Change a party (give its version; addresses and contacts replace the lists)',
        params: idParams,
        body: updatePartyInput,
        response: { 200: partySchema },
      },
      config: { access: 'parties:write' },
    },
    async (request) => updateParty(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/parties/:id/archive',
    { schema: { tags, summary: 'Archive a party', params: idParams, response: { 200: partySchema } }, config: { access: 'parties:write' } },
    async (request) => setPartyArchived(contextOf(request), request.params.id, true),
  );

  app.post(
    '/api/v1/parties/:id/restore',
    {
      schema: { tags, summary: 'Restore an archived party', params: idParams, response: { 200: partySchema } },
      config: { access: 'parties:write' },
    },
    async (request) => setPartyArchived(contextOf(request), request.params.id, false),
  );

  app.get(
    '/api/v1/parties/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Active parties that look like this one (same tax id, or same name ignoring case, accents and legal form)',
        params: idParams,
        response: { 200: z.object({ items: z.array(partySchema) }) },
      },
      config: { access: 'parties:read' },
    },
    async (request) => findDuplicates(contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/parties/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into this party; the duplicate is archived',
        params: idParams,
        body: mergePartiesInput,
        response: { 200: partySchema },
      },
      config: { access: 'parties:write' },
    },
    async (request) => mergeParties(contextOf(request), request.params.id, request.body),
  );
}
