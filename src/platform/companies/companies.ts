import type { Actor } from '../audit/actor.ts';
import { appendAudit } from '../audit/append.ts';
import type { ServiceContext } from '../context.ts';
import type { Database, Queryable } from '../db/database.ts';
import { PgCode, pgErrorCode } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { newId } from '../ids.ts';
import { runCompanySetups } from './setup-hooks.ts';

export interface Company {
  id: string;
  slug: string;
  name: string;
  legalName: string | null;
  taxId: string | null;
  address: string | null;
  baseCurrency: string;
  country: string;
  fiscalYearStartMonth: number;
  locale: 'en' | 'es';
  version: number;
  createdAt: Date;
}

interface CompanyRow {
  id: string;
  slug: string;
  name: string;
  legal_name: string | null;
  tax_id: string | null;
  address: string | null;
  base_currency: string;
  country: string;
  fiscal_year_start_month: number;
  locale: 'en' | 'es';
  version: number;
  created_at: Date;
}

const COLUMNS = 'id, slug, name, legal_name, tax_id, address, base_currency, country, fiscal_year_start_month, locale, version, created_at';

const toCompany = (r: CompanyRow): Company => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  legalName: r.legal_name,
  taxId: r.tax_id,
  address: r.address,
  baseCurrency: r.base_currency,
  country: r.country,
  fiscalYearStartMonth: r.fiscal_year_start_month,
  locale: r.locale,
  version: r.version,
  createdAt: r.created_at,
});

export interface CompanyInput {
  slug: string;
  name: string;
  legalName?: string | null | undefined;
  taxId?: string | null | undefined;
  address?: string | null | undefined;
  baseCurrency: string;
  country: string;
  fiscalYearStartMonth: number;
  locale: 'en' | 'es';
  /** Chart of accounts template for the ledger ("none" for an empty chart); not stored on the company. */
  chart?: string | undefined;
}

/** Creates a company and makes `adminUserId` (when given) its first admin. */
export async function createCompany(db: Database, actor: Actor, input: CompanyInput, adminUserId: string | null): Promise<Company> {
  const id = newId();
  try {
    return await db.system(async (tx) => {
      const [row] = await tx.query<CompanyRow>(
        `INSERT INTO companies (id, slug, name, legal_name, tax_id, address, base_currency, country, fiscal_year_start_month, locale)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          id,
          input.slug,
          input.name,
          input.legalName ?? null,
          input.taxId ?? null,
          input.address ?? null,
          input.baseCurrency,
          input.country,
          input.fiscalYearStartMonth,
          input.locale,
        ],
      );
      const company = toCompany(row as CompanyRow);
      if (adminUserId) await tx.query(`INSERT INTO memberships (company_id, user_id, roles) VALUES ($1, $2, '{admin}')`, [id, adminUserId]);
      await appendAudit(tx, id, actor, { action: 'company.created', entityType: 'company', entityId: id, after: company });
      await runCompanySetups(tx, company, actor, { chart: input.chart });
      return company;
    });
  } catch (err) {
    if (pgErrorCode(err) === PgCode.uniqueViolation) {
      throw new AppError('ALREADY_EXISTS', `A company with the slug "${input.slug}" already exists`, [
        { path: 'slug', message: 'is taken' },
      ]);
    }
    throw err;
  }
}

export async function getCompany(q: Queryable, companyId: string): Promise<Company> {
  const [row] = await q.query<CompanyRow>(`SELECT ${COLUMNS} FROM companies WHERE id = $1`, [companyId]);
  if (!row) throw notFound('Company');
  return toCompany(row);
}

export async function findCompanyBySlug(q: Queryable, slug: string): Promise<Company | null> {
  const [row] = await q.query<CompanyRow>(`SELECT ${COLUMNS} FROM companies WHERE slug = $1`, [slug]);
  return row ? toCompany(row) : null;
}

export async function listAllCompanies(q: Queryable): Promise<Company[]> {
  const rows = await q.query<CompanyRow>(`SELECT ${COLUMNS} FROM companies ORDER BY created_at, slug`);
  return rows.map(toCompany);
}

export interface MyCompany {
  id: string;
  slug: string;
  name: string;
  baseCurrency: string;
  country: string;
  roles: string[];
}

export async function listCompaniesOf(db: Database, userId: string): Promise<MyCompany[]> {
  const rows = await db.query<{ id: string; slug: string; name: string; base_currency: string; country: string; roles: string[] }>(
    `SELECT c.id, c.slug, c.name, c.base_currency, c.country, m.roles
       FROM memberships m JOIN companies c ON c.id = m.company_id
      WHERE m.user_id = $1 AND m.deactivated_at IS NULL ORDER BY c.name, c.slug`,
    [userId],
  );
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, baseCurrency: r.base_currency, country: r.country, roles: r.roles }));
}

export type CompanyChanges = Partial<Omit<CompanyInput, 'slug' | 'chart'>> & { version: number };

const EDITABLE: Record<keyof Omit<CompanyChanges, 'version'>, string> = {
  name: 'name',
  legalName: 'legal_name',
  taxId: 'tax_id',
  address: 'address',
  baseCurrency: 'base_currency',
  country: 'country',
  fiscalYearStartMonth: 'fiscal_year_start_month',
  locale: 'locale',
};

export async function updateCompany(ctx: ServiceContext, changes: CompanyChanges): Promise<Company> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await getCompany(tx, ctx.companyId);
    if (before.version !== changes.version) throw versionConflict('This company');
    const sets: string[] = [];
    const params: unknown[] = [ctx.companyId, changes.version];
    for (const [key, column] of Object.entries(EDITABLE)) {
      const value = changes[key as keyof typeof EDITABLE];
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    const [row] = await tx.query<CompanyRow>(
      `UPDATE companies SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      params,
    );
    if (!row) throw versionConflict('This company');
    const after = toCompany(row);
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'company.updated',
      entityType: 'company',
      entityId: ctx.companyId,
      before,
      after,
    });
    return after;
  });
}
