import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../http/context.ts';
import { page } from '../http/schemas.ts';
import { pageQuery } from '../pagination.ts';
import { listAuditEvents } from './query.ts';
import { verifyAuditChain } from './verify.ts';

const eventSchema = z.object({
  seq: z.string(),
  id: z.uuid(),
  occurredAt: z.date(),
  actorId: z.uuid().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hash: z.string(),
});

const tags = ['audit'];
const dateFilter = z.iso.datetime({ offset: true }).or(z.iso.date()).optional();

export async function auditRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/audit/events',
    {
      schema: {
        tags,
        summary: 'The company’s audit trail, newest first',
        querystring: z.strictObject({
          ...pageQuery,
          action: z.string().max(100).optional(),
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(200).optional(),
          actor: z.string().max(200).optional(),
          from: dateFilter,
          to: dateFilter,
        }),
        response: { 200: page(eventSchema) },
      },
      config: { access: 'audit:read' },
    },
    async (request) => listAuditEvents(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Recompute the company’s hash chain and report the first broken event',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBroken: z.object({ seq: z.string(), reason: z.string() }).nullable(),
          }),
        },
      },
      config: { access: 'audit:read' },
    },
    async (request) => {
      const ctx = contextOf(request);
      return verifyAuditChain(ctx.db, ctx.companyId);
    },
  );
}
