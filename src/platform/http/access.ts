import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalFromToken } from '../auth/api-tokens.ts';
import type { Principal } from '../auth/principal.ts';
import { principalFromSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function resolvePrincipal(db: Database, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] ? await principalFromToken(db, match[1]) : null;
    if (!principal) throw new AppError('NOT_AUTHENTICATED', 'The API token is invalid, expired or revoked');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? principalFromSession(db, cookie) : null;
}

/**
 * Resolves the caller and enforces each route's declared access before its body is even parsed.
 * Cookie-authenticated writes must echo the session's CSRF token in `X-CSRF-Token`.
 */
export function registerAccessControl(app: FastifyInstance, db: Database): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} does not declare its access`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const principal = await resolvePrincipal(db, request);
    if (!principal) throw new AppError('NOT_AUTHENTICATED', 'Sign in to continue');
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
        throw new AppError('CSRF_FAILED', 'The X-CSRF-Token header is missing or wrong; reload the page');
      }
    }
    if (access !== 'authenticated' && !principal.permissions.includes(access)) {
      throw new AppError('FORBIDDEN', `This needs the permission ${access}`);
    }
    request.principal = principal;
  });
}

/** The principal of a route that declared non-public access (the hook guarantees it is there). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('NOT_AUTHENTICATED', 'Sign in to continue');
  return request.principal;
}
