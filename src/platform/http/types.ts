import type { Principal } from '../auth/principal.ts';
import type { Permission } from '../permissions/roles.ts';

/** Who may call a route: anyone, any signed-in user, or holders of one permission. */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Creating POSTs honour the Idempotency-Key header. */
    idempotent?: boolean;
  }
}
