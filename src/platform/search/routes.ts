import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCompaniesOf } from '../companies/companies.ts';
import { principalOf } from '../http/access.ts';
import { contextOf } from '../http/context.ts';
import { listMembers } from '../users/members.ts';

const resultSchema = z.object({ type: z.string(), id: z.string(), title: z.string(), subtitle: z.string(), url: z.string() });

/** The ⌘K box: finds records across the rooms the caller may read. Modules add their own sources. */
export async function searchRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search what you can see',
        querystring: z.strictObject({ q: z.string().trim().min(1).max(100) }),
        response: { 200: z.object({ items: z.array(resultSchema) }) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query.q.toLowerCase();
      const items: z.infer<typeof resultSchema>[] = [];
      if (principal.permissions.includes('users:read')) {
        const users = await listMembers(contextOf(request), { limit: 10, q: request.query.q });
        for (const u of users.items)
          items.push({ type: 'user', id: u.id, title: u.name, subtitle: u.email, url: `/admin/users?q=${encodeURIComponent(u.email)}` });
      }
      for (const c of await listCompaniesOf(app.db, principal.userId)) {
        if (c.name.toLowerCase().includes(q) || c.slug.includes(q)) {
          items.push({ type: 'company', id: c.id, title: c.name, subtitle: c.slug, url: '/admin/companies' });
        }
      }
      return { items };
    },
  );
}
