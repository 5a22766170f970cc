import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../http/context.ts';
import { idParams, page } from '../http/schemas.ts';
import { pageQuery } from '../pagination.ts';
import { JOB_STATUSES, type Job } from './job.ts';
import { listJobTypes } from './registry.ts';
import { cancelJob, createJob, getJob, listJobs, retryJob } from './service.ts';

export const jobSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int(),
  progressMessage: z.string().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAfter: z.date(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  lastError: z.string().nullable(),
  result: z.unknown(),
});

/** The API view of a job: the payload and creator stay server-side. */
const view = (job: Job): z.infer<typeof jobSchema> => ({
  id: job.id,
  name: job.name,
  status: job.status,
  progress: job.progress,
  progressMessage: job.progressMessage,
  attempts: job.attempts,
  maxAttempts: job.maxAttempts,
  runAfter: job.runAfter,
  createdAt: job.createdAt,
  startedAt: job.startedAt,
  finishedAt: job.finishedAt,
  lastError: job.lastError,
  result: job.result ?? null,
});

const tags = ['jobs'];

export async function jobsRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/jobs',
    {
      schema: {
        tags,
        summary: 'Background jobs of the company, newest first',
        querystring: z.strictObject({ ...pageQuery, status: z.enum(JOB_STATUSES).optional() }),
        response: { 200: page(jobSchema) },
      },
      config: { access: 'jobs:read' },
    },
    async (request) => {
      const result = await listJobs(contextOf(request), request.query);
      return { items: result.items.map(view), nextCursor: result.nextCursor };
    },
  );

  app.get(
    '/api/v1/jobs/types',
    {
      schema: {
        tags,
        summary: 'The job types this installation knows (startable ones can be started by hand)',
        response: { 200: z.object({ items: z.array(z.object({ name: z.string(), label: z.string(), startable: z.boolean() })) }) },
      },
      config: { access: 'jobs:read' },
    },
    async () => ({ items: listJobTypes() }),
  );

  app.get(
    '/api/v1/jobs/:id',
    {
      schema: { tags, summary: 'One job, with its progress', params: idParams, response: { 200: jobSchema } },
      config: { access: 'jobs:read' },
    },
    async (request) => view(await getJob(contextOf(request), request.params.id)),
  );

  app.post(
    '/api/v1/jobs',
    {
      schema: {
        tags,
        summary: 'Start a job',
        body: z.strictObject({ name: z.string().trim().min(1).max(100), payload: z.record(z.string(), z.unknown()).optional() }),
        response: { 201: jobSchema },
      },
      config: { access: 'jobs:write', idempotent: true },
    },
    async (request, reply) => {
      const job = await createJob(contextOf(request), { name: request.body.name, payload: request.body.payload ?? {} });
      return reply.status(201).send(view(job));
    },
  );

  app.post(
    '/api/v1/jobs/:id/retry',
    {
      schema: { tags, summary: 'Run a failed or cancelled job again', params: idParams, response: { 200: jobSchema } },
      config: { access: 'jobs:write' },
    },
    async (request) => view(await retryJob(contextOf(request), request.params.id)),
  );

  app.post(
    '/api/v1/jobs/:id/cancel',
    { schema: { tags, summary: 'Cancel a queued job', params: idParams, response: { 200: jobSchema } }, config: { access: 'jobs:write' } },
    async (request) => view(await cancelJob(contextOf(request), request.params.id)),
  );
}
