/** What every CLI command uses: the database for one command, the company it names, usage errors. */
import { registerModules } from '../modules/index.ts';
import { type Company, findCompanyBySlug, listAllCompanies } from '../platform/companies/companies.ts';
import { loadConfig } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { openDatabase } from '../platform/db/open.ts';

/** Exit codes: 0 ok, 1 failure, 2 usage. */
export class UsageError extends Error {}

export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  registerModules();
  const db = await openDatabase(loadConfig());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** `--company SLUG`, or the only company when there is just one. */
export async function companyFor(db: Database, slug: string | undefined): Promise<Company> {
  if (slug) {
    const company = await findCompanyBySlug(db, slug);
    if (!company) throw new UsageError(`There is no company with the slug "${slug}"`);
    return company;
  }
  const all = await listAllCompanies(db);
  if (all.length === 1 && all[0]) return all[0];
  if (all.length === 0) throw new UsageError('There is no company yet: run `trastienda demo` or create one');
  throw new UsageError(`There are ${all.length} companies: name one with --company SLUG (${all.map((c) => c.slug).join(', ')})`);
}

export function parseWith<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string; path: PropertyKey[] }[] } };
  },
  value: unknown,
  flag: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')} ${i.message}` : i.message));
    throw new UsageError(`${flag}: ${issues.join('; ')}`);
  }
  return result.data;
}
