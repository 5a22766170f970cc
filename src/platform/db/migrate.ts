import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROLE, type Database } from './database.ts';

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

/** Folders holding `NNNN_name.sql` files; modules add theirs here as they arrive. */
export const MIGRATION_DIRS = [
  path.join(import.meta.dirname, 'migrations'),
  path.join(import.meta.dirname, '../jobs/migrations'),
  path.join(import.meta.dirname, '../../modules/ledger/migrations'),
  path.join(import.meta.dirname, '../../modules/parties/migrations'),
  path.join(import.meta.dirname, '../../modules/taxes/migrations'),
  path.join(import.meta.dirname, '../../modules/products/migrations'),
  path.join(import.meta.dirname, '../../modules/invoices/migrations'),
];

export function loadMigrations(dirs = MIGRATION_DIRS): Migration[] {
  const migrations: Migration[] = [];
  for (const dir of dirs) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      migrations.push({
        version: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      });
    }
  }
  migrations.sort((a, b) => a.version.localeCompare(b.version));
  const seen = new Set<string>();
  for (const m of migrations) {
    const prefix = m.version.split('_')[0] ?? m.version;
    if (seen.has(prefix)) throw new Error(`Two migrations share the number ${prefix}`);
    seen.add(prefix);
  }
  return migrations;
}

export interface MigrateResult {
  applied: string[];
  current: string | null;
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so several processes starting
 * together against one server migrate once. A migration edited after it was applied is refused.
 */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<MigrateResult> {
  return db.system(async (tx) => {
    // Locked before anything else: even creating the bookkeeping table races between processes.
    await tx.query('SELECT pg_advisory_xact_lock(727374)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations ORDER BY version');
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    for (const [version, checksum] of applied) {
      const known = migrations.find((m) => m.version === version);
      if (!known) throw new Error(`The database has migration ${version}, which this version does not know: is it older?`);
      if (known.checksum !== checksum) throw new Error(`Migration ${version} was edited after it was applied`);
    }
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [m.version, m.checksum]);
      done.push(m.version);
    }
    if (done.length > 0) {
      await tx.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
      await tx.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
      await tx.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
      await tx.query(`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${APP_ROLE}`);
      // The connecting role must be able to switch to the app role in tenant transactions.
      await tx.query(`DO $$ BEGIN
        IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
        END IF;
      END $$`);
    }
    return { applied: done, current: migrations.at(-1)?.version ?? null };
  });
}
