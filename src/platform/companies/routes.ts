import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/access.ts';
import { actorOf, contextOf } from '../http/context.ts';
import { createCompany, getCompany, listCompaniesOf, updateCompany } from './companies.ts';
import { companySchema, createCompanyBody, myCompanySchema, updateCompanyBody } from './schemas.ts';

const tags = ['companies'];

export async function companiesRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/companies',
    {
      schema: { tags, summary: 'The companies you belong to', response: { 200: z.object({ items: z.array(myCompanySchema) }) } },
      config: { access: 'authenticated' },
    },
    async (request) => ({ items: await listCompaniesOf(app.db, principalOf(request).userId) }),
  );

  app.post(
    '/api/v1/companies',
    {
      schema: { tags, summary: 'Create a company; you become its admin', body: createCompanyBody, response: { 201: companySchema } },
      config: { access: 'company:create', idempotent: true },
    },
    async (request, reply) =>
      reply.status(201).send(await createCompany(app.db, actorOf(request), request.body, principalOf(request).userId)),
  );

  app.get(
    '/api/v1/companies/current',
    { schema: { tags, summary: 'The current company', response: { 200: companySchema } }, config: { access: 'company:read' } },
    async (request) => {
      const ctx = contextOf(request);
      return ctx.db.tenant(ctx.companyId, (tx) => getCompany(tx, ctx.companyId));
    },
  );

  app.patch(
    '/api/v1/companies/current',
    {
      schema: {
        tags,
        summary: 'Change the current company’s settings (send the version you read)',
        body: updateCompanyBody,
        response: { 200: companySchema },
      },
      config: { access: 'company:write' },
    },
    async (request) => updateCompany(contextOf(request), request.body),
  );
}
