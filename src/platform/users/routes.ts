import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../http/context.ts';
import { email, idParams, page, password, roles, text, version } from '../http/schemas.ts';
import { pageQuery } from '../pagination.ts';
import { ROLE_PERMISSIONS, ROLES } from '../permissions/roles.ts';
import { createMember, getMember, listMembers, setMemberActive, updateMember } from './members.ts';

const memberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.date(),
  version: z.number(),
});

const tags = ['users'];

export async function usersRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/roles',
    {
      schema: {
        tags,
        summary: 'Roles and the permissions each grants',
        response: { 200: z.object({ items: z.array(z.object({ role: z.string(), permissions: z.array(z.string()) })) }) },
      },
      config: { access: 'users:read' },
    },
    async () => ({ items: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })) }),
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Users of the current company',
        querystring: z.strictObject({ ...pageQuery, q: z.string().max(100).optional() }),
        response: { 200: page(memberSchema) },
      },
      config: { access: 'users:read' },
    },
    async (request) => listMembers(contextOf(request), request.query),
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: { tags, summary: 'One user of the current company', params: idParams, response: { 200: memberSchema } },
      config: { access: 'users:read' },
    },
    async (request) => getMember(contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user in the current company (or give an existing user access to it)',
        body: z.strictObject({ email, name: text(200), password, roles }),
        response: { 201: memberSchema },
      },
      config: { access: 'users:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await createMember(contextOf(request), request.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user’s name or roles (send the version you read)',
        params: idParams,
        body: z.strictObject({ name: text(200).optional(), roles: roles.optional(), version }),
        response: { 200: memberSchema },
      },
      config: { access: 'users:write' },
    },
    async (request) => updateMember(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate a user here (revokes their tokens in this company)',
        params: idParams,
        response: { 200: memberSchema },
      },
      config: { access: 'users:write' },
    },
    async (request) => setMemberActive(contextOf(request), request.params.id, false),
  );

  app.post(
    '/api/v1/users/:id/reactivate',
    {
      schema: { tags, summary: 'Reactivate a user here', params: idParams, response: { 200: memberSchema } },
      config: { access: 'users:write' },
    },
    async (request) => setMemberActive(contextOf(request), request.params.id, true),
  );
}
