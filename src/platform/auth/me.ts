import { type Company, getCompany, listCompaniesOf, type MyCompany } from '../companies/companies.ts';
import type { Database } from '../db/database.ts';
import type { Principal } from './principal.ts';

export interface Me {
  user: { id: string; email: string; name: string; locale: string; totpEnabled: boolean };
  company: Company;
  roles: string[];
  permissions: string[];
  companies: MyCompany[];
  csrfToken: string | null;
  via: 'session' | 'token';
}

export async function describeMe(db: Database, principal: Principal): Promise<Me> {
  const [user] = await db.query<{ locale: string; totp_enabled_at: Date | null }>(
    'SELECT locale, totp_enabled_at FROM users WHERE id = $1',
    [principal.userId],
  );
  const company = await db.tenant(principal.companyId, (tx) => getCompany(tx, principal.companyId));
  return {
    user: {
      id: principal.userId,
      email: principal.email,
      name: principal.name,
      locale: user?.locale ?? 'en',
      totpEnabled: Boolean(user?.totp_enabled_at),
    },
    company,
    roles: principal.roles,
    permissions: principal.permissions,
    companies: await listCompaniesOf(db, principal.userId),
    csrfToken: principal.csrfToken,
    via: principal.via,
  };
}
