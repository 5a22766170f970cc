import type { Queryable } from '../db/database.ts';

export interface ActiveMembership {
  companyId: string;
  roles: string[];
}

/** The user's roles in a company, or null when they are not an active member there. */
export async function activeMembership(q: Queryable, userId: string, companyId: string): Promise<ActiveMembership | null> {
  const [row] = await q.query<{ roles: string[] }>(
    'SELECT roles FROM memberships WHERE company_id = $1 AND user_id = $2 AND deactivated_at IS NULL',
    [companyId, userId],
  );
  return row ? { companyId, roles: row.roles } : null;
}

export async function firstActiveCompany(q: Queryable, userId: string): Promise<string | null> {
  const [row] = await q.query<{ company_id: string }>(
    `SELECT m.company_id FROM memberships m JOIN companies c ON c.id = m.company_id
      WHERE m.user_id = $1 AND m.deactivated_at IS NULL ORDER BY c.created_at, c.slug LIMIT 1`,
    [userId],
  );
  return row?.company_id ?? null;
}
