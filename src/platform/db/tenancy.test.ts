import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/actor.ts';
import { createCompany } from '../companies/companies.ts';
import { describeEachEngine } from '../testing/engines.ts';

/** Installation-wide tables: everything else that has rows of a company must carry company_id. */
const REFERENCE_TABLES = ['companies', 'users', 'sessions', 'schema_migrations'];

describeEachEngine('tenancy rules (Citus-ready schema)', (use) => {
  it('every tenant table has company_id first in its primary key', async () => {
    const rows = await use().query<{ table_name: string; pk: string[] | null; has_company: boolean }>(
      `SELECT c.relname AS table_name,
              (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
                 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'company_id' AND NOT a.attisdropped) AS has_company
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      if (REFERENCE_TABLES.includes(row.table_name)) continue;
      expect(row.has_company, `${row.table_name} has no company_id: add it or list it as a reference table`).toBe(true);
      expect(row.pk?.[0], `${row.table_name}'s primary key must start with company_id`).toBe('company_id');
    }
  });

  it('every foreign key between tenant tables includes company_id', async () => {
    const fks = await use().query<{ name: string; child: string; parent: string; columns: string[] }>(
      `SELECT k.conname AS name, cl.relname AS child, pl.relname AS parent,
              (SELECT array_agg(a.attname::text) FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)) AS columns
         FROM pg_constraint k JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pl ON pl.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE k.contype = 'f' AND n.nspname = 'public'`,
    );
    for (const fk of fks) {
      if (REFERENCE_TABLES.includes(fk.child) || REFERENCE_TABLES.includes(fk.parent)) continue;
      expect(fk.columns, `${fk.child}.${fk.name} → ${fk.parent} must include company_id`).toContain('company_id');
    }
  });

  it('every tenant table has Row Level Security on company_id', async () => {
    const rows = await use().query<{ relname: string; rls: boolean; policies: number }>(
      `SELECT c.relname, c.relrowsecurity AS rls, (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'company_id')`,
    );
    for (const row of rows) {
      expect(row.rls, `${row.relname} must enable RLS`).toBe(true);
      expect(row.policies, `${row.relname} needs a policy`).toBeGreaterThan(0);
    }
  });

  it('RLS hides other companies’ rows even from a query that forgets to filter', async () => {
    const db = use();
    const input = { name: 'X', baseCurrency: 'EUR', country: 'ES', fiscalYearStartMonth: 1, locale: 'en' as const };
    const a = await createCompany(db, SYSTEM_ACTOR, { ...input, slug: 'rls-a' }, null);
    const b = await createCompany(db, SYSTEM_ACTOR, { ...input, slug: 'rls-b' }, null);
    const seen = await db.tenant(a.id, (tx) => tx.query<{ company_id: string }>('SELECT company_id FROM audit_events'));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.company_id))).toEqual(new Set([a.id]));
    const companies = await db.tenant(a.id, (tx) => tx.query<{ id: string }>('SELECT id FROM companies'));
    expect(companies.map((c) => c.id)).toEqual([a.id]);
    await expect(
      db.tenant(a.id, (tx) =>
        tx.query(`INSERT INTO outbox_events (company_id, id, type, payload) VALUES ($1, gen_random_uuid(), 'x', '{}')`, [b.id]),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
