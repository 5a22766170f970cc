import type { Actor } from '../audit/actor.ts';
import { appendAudit } from '../audit/append.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { newId, randomToken } from '../ids.ts';
import { type Company, createCompany, findCompanyBySlug } from './companies.ts';
import { runDemoSeeds } from './setup-hooks.ts';

export const DEMO_COMPANY = {
  slug: 'demo',
  name: 'Demo Trastienda S.L.',
  legalName: 'Demo Trastienda S.L.',
  taxId: 'B12345674',
  address: 'Calle Mayor 1, 28013 Madrid',
  baseCurrency: 'EUR',
  country: 'ES',
  fiscalYearStartMonth: 1,
  locale: 'es' as const,
  /** A Spanish company keeps Spanish books. */
  chart: 'es-pgc',
};

export const DEFAULT_ADMIN_EMAIL = 'admin@demo.trastienda.test';

export interface DemoResult {
  company: Company;
  companyCreated: boolean;
  /** Set when this call created the admin: the only time its password is known in clear. */
  admin: { email: string; password: string } | null;
}

/**
 * Creates the demo company and, on an installation with no users, its admin. Running it again changes
 * nothing. Later modules add their sample data here, each as idempotently.
 */
export async function ensureDemo(
  db: Database,
  actor: Actor,
  admin: { email?: string | undefined; password?: string | undefined } = {},
): Promise<DemoResult> {
  let company = await findCompanyBySlug(db, DEMO_COMPANY.slug);
  let companyCreated = false;
  if (!company) {
    try {
      company = await createCompany(db, actor, DEMO_COMPANY, null);
      companyCreated = true;
    } catch (err) {
      // Another process starting at the same moment created it first.
      if (!(err instanceof AppError && err.code === 'ALREADY_EXISTS')) throw err;
      company = await findCompanyBySlug(db, DEMO_COMPANY.slug);
      if (!company) throw err;
    }
  }

  await runDemoSeeds(db, company.id, actor);

  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (n > 0) return { company, companyCreated, admin: null };

  const email = admin.email ?? DEFAULT_ADMIN_EMAIL;
  const password = admin.password ?? randomToken(12);
  const userId = newId();
  const passwordHash = await hashPassword(password);
  const demo = company;
  const created = await db.system(async (tx) => {
    // Serializes first-start admin creation across processes sharing one database.
    await tx.query('SELECT pg_advisory_xact_lock(727375)');
    const [{ n: existing } = { n: 0 }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if (existing > 0) return false;
    await tx.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', [
      userId,
      email,
      'Administrator',
      passwordHash,
    ]);
    await tx.query(`INSERT INTO memberships (company_id, user_id, roles) VALUES ($1, $2, '{admin}')`, [demo.id, userId]);
    await appendAudit(tx, demo.id, actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: userId,
      after: { id: userId, email, name: 'Administrator', roles: ['admin'], active: true },
    });
    return true;
  });
  return { company, companyCreated, admin: created ? { email, password } : null };
}
