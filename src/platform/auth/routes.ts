import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { companySchema, myCompanySchema } from '../companies/schemas.ts';
import { AppError, notFound } from '../errors.ts';
import { principalOf } from '../http/access.ts';
import { contextOf } from '../http/context.ts';
import { password } from '../http/schemas.ts';
import { changePassword, disableTotp, enableTotp, setupTotp } from './account.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { login } from './login.ts';
import { describeMe } from './me.ts';
import { activeMembership } from './memberships.ts';
import { listSessions, principalFromSession, revokeSession, SESSION_COOKIE, SESSION_TTL_MS, switchSessionCompany } from './sessions.ts';

const meSchema = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), locale: z.string(), totpEnabled: z.boolean() }),
  company: companySchema,
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  companies: z.array(myCompanySchema),
  csrfToken: z.string().nullable(),
  via: z.enum(['session', 'token']),
});

const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const tags = ['auth'];

export function authRoutes(secureCookies: boolean) {
  return async (api: FastifyInstance) => {
    const app = api.withTypeProvider<ZodTypeProvider>();
    const db = () => app.db;

    const setSessionCookie = (reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: SESSION_TTL_MS / 1000,
      });

    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags,
          summary: 'Sign in with email and password (and a TOTP code when two-factor is on)',
          body: z.strictObject({
            email: z.string().trim().min(1).max(254),
            password: z.string().min(1).max(200),
            totpCode: z.string().max(10).optional(),
          }),
          response: { 200: meSchema },
        },
        config: {
          access: 'public',
          // Per address and account: slows guessing without locking out a whole office behind one NAT.
          rateLimit: {
            max: 10,
            timeWindow: '1 minute',
            keyGenerator: (request) =>
              `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
          },
        },
      },
      async (request, reply) => {
        const session = await login(db(), request.body, {
          userAgent: request.headers['user-agent'],
          ip: request.ip,
          requestId: request.id,
        });
        setSessionCookie(reply, session.token);
        const principal = await principalFromSession(db(), session.token);
        if (!principal) throw new AppError('NOT_AUTHENTICATED', 'The session could not be opened');
        return describeMe(db(), principal);
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { schema: { tags, summary: 'Sign out (revokes this session)' }, config: { access: 'authenticated' } },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.sessionId) await revokeSession(db(), principal.sessionId, principal.userId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        schema: { tags, summary: 'The signed-in user, the current company and their permissions', response: { 200: meSchema } },
        config: { access: 'authenticated' },
      },
      async (request) => describeMe(db(), principalOf(request)),
    );

    app.post(
      '/api/v1/auth/switch-company',
      {
        schema: {
          tags,
          summary: 'Make another of your companies the current one',
          body: z.strictObject({ companyId: z.uuid() }),
          response: { 200: meSchema },
        },
        config: { access: 'authenticated' },
      },
      async (request) => {
        const principal = principalOf(request);
        if (!principal.sessionId)
          throw new AppError('INVALID_STATE', 'An API token is bound to its company; create a token in the other company');
        if (!(await activeMembership(db(), principal.userId, request.body.companyId))) throw notFound('Company');
        await switchSessionCompany(db(), principal.sessionId, request.body.companyId);
        const cookie = request.cookies[SESSION_COOKIE];
        const next = cookie ? await principalFromSession(db(), cookie) : null;
        if (!next) throw new AppError('NOT_AUTHENTICATED', 'The session ended');
        return describeMe(db(), next);
      },
    );

    app.post(
      '/api/v1/auth/password',
      {
        schema: {
          tags,
          summary: 'Change your password (signs out your other sessions)',
          body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: password }),
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await changePassword(contextOf(request), principal.userId, request.body, principal.sessionId);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/v1/auth/totp/setup',
      {
        schema: {
          tags,
          summary: 'Start two-factor setup: a new secret to scan',
          response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }) },
        },
        config: { access: 'authenticated' },
      },
      async (request) => setupTotp(contextOf(request), principalOf(request).userId),
    );

    app.post(
      '/api/v1/auth/totp/enable',
      {
        schema: {
          tags,
          summary: 'Turn two-factor on by confirming a code',
          body: z.strictObject({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }),
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        await enableTotp(contextOf(request), principalOf(request).userId, request.body.code);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/v1/auth/totp/disable',
      {
        schema: {
          tags,
          summary: 'Turn two-factor off (needs your password)',
          body: z.strictObject({ password: z.string().min(1).max(200) }),
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        await disableTotp(contextOf(request), principalOf(request).userId, request.body.password);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/auth/sessions',
      {
        schema: {
          tags,
          summary: 'Your open sessions',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  createdAt: z.date(),
                  lastSeenAt: z.date(),
                  userAgent: z.string().nullable(),
                  ip: z.string().nullable(),
                  current: z.boolean(),
                }),
              ),
            }),
          },
        },
        config: { access: 'authenticated' },
      },
      async (request) => {
        const principal = principalOf(request);
        return { items: await listSessions(db(), principal.userId, principal.sessionId) };
      },
    );

    app.delete(
      '/api/v1/auth/sessions/:id',
      {
        schema: { tags, summary: 'Revoke one of your sessions', params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/) }) },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        if (!(await revokeSession(db(), request.params.id, principalOf(request).userId))) throw notFound('Session');
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/tokens',
      {
        schema: {
          tags: ['tokens'],
          summary: 'Your API tokens in this company',
          response: { 200: z.object({ items: z.array(tokenSchema) }) },
        },
        config: { access: 'authenticated' },
      },
      async (request) => ({ items: await listApiTokens(contextOf(request), principalOf(request).userId) }),
    );

    app.post(
      '/api/v1/tokens',
      {
        schema: {
          tags: ['tokens'],
          summary: 'Create an API token (the secret is shown once)',
          body: z.strictObject({
            name: z.string().trim().min(1).max(100),
            expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
          }),
          response: { 201: tokenSchema.extend({ token: z.string() }) },
        },
        config: { access: 'authenticated', idempotent: true },
      },
      async (request, reply) => {
        const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt) : null;
        const created = await createApiToken(contextOf(request), principalOf(request).userId, { name: request.body.name, expiresAt });
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api/v1/tokens/:id',
      {
        schema: { tags: ['tokens'], summary: 'Revoke an API token', params: z.strictObject({ id: z.uuid() }) },
        config: { access: 'authenticated' },
      },
      async (request, reply) => {
        await revokeApiToken(contextOf(request), principalOf(request).userId, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
