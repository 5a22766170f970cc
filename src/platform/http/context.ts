import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';
import { principalOf } from './access.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: import('../db/database.ts').Database;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  const principal = principalOf(request);
  return {
    userId: principal.userId,
    label: principal.via === 'token' ? `${principal.email} (API token)` : principal.email,
    requestId: request.id,
  };
}

/** The service context of an authenticated request: its database, company and actor. */
export function contextOf(request: FastifyRequest): ServiceContext {
  return { db: request.server.db, companyId: principalOf(request).companyId, actor: actorOf(request) };
}
