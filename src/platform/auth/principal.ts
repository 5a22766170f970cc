import type { Permission } from '../permissions/roles.ts';

/** The authenticated caller of a request, resolved from a session cookie or a bearer token. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  companyId: string;
  roles: string[];
  permissions: Permission[];
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
}
