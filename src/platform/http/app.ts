import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { registerAccessControl } from './access.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { errorHandler, sendProblem } from './problem.ts';
import './types.ts';

export interface AppOptions {
  db: Database;
  webDist: string;
  secureCookies: boolean;
  logLevel?: string;
  /** Route plugins, each registering its room's endpoints under /api/v1. */
  routes: ((app: FastifyInstance) => Promise<void> | void)[];
}

export const API_VERSION = '0.1.0';
export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel ?? 'info' },
    bodyLimit: BODY_LIMIT,
    genReqId: () => newId(),
    requestIdHeader: false,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('db', options.db);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerJsonBodyParser(app);

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, hook: 'preHandler' });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Trastienda API', version: API_VERSION, description: 'The back office API. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (trs_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'trastienda_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const access = input.route.config?.access;
      return access ? { ...out, schema: { ...out.schema, 'x-permission': access } } : out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAccessControl(app, options.db);
  registerIdempotency(app, options.db);

  app.get('/api/health', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => {
    try {
      await options.db.query('SELECT 1');
    } catch {
      return sendProblem(reply, new AppError('UNAVAILABLE', 'The database is not reachable'));
    }
    return { status: 'ok', engine: options.db.engine, version: API_VERSION };
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  await app.register(async (api) => {
    for (const routes of options.routes) await routes(api);
  });

  const index = path.join(options.webDist, 'index.html');
  if (fs.existsSync(index)) {
    await app.register(fastifyStatic, { root: options.webDist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !fs.existsSync(index)) {
      return sendProblem(reply, new AppError('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
    }
    // The web app routes on the client: every other GET gets its shell.
    return reply.type('text/html').header('cache-control', 'no-cache').send(fs.createReadStream(index));
  });
  return app;
}
