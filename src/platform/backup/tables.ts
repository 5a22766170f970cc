import type { Queryable } from '../db/database.ts';

export interface TableInfo {
  name: string;
  primaryKey: string[];
}

/** Tables that are not worth carrying: sessions are per-installation and short-lived. */
const SKIPPED = new Set(['schema_migrations', 'sessions']);

/**
 * The public tables in an order where every table comes after the tables its foreign keys point to,
 * so a restore can insert them one by one with every constraint checked.
 */
export async function tablesInDependencyOrder(q: Queryable): Promise<TableInfo[]> {
  const tables = await q.query<{ name: string; pk: string[] | null }>(
    `SELECT c.relname AS name,
            (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
               FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const deps = await q.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent
       FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
       JOIN pg_class pl ON pl.oid = k.confrelid
      WHERE k.contype = 'f' AND n.nspname = 'public' AND cl.oid <> pl.oid`,
  );
  const parents = new Map<string, Set<string>>();
  for (const d of deps) {
    if (!parents.has(d.child)) parents.set(d.child, new Set());
    parents.get(d.child)?.add(d.parent);
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const pending = tables.filter((t) => !SKIPPED.has(t.name));
  while (pending.length > 0) {
    const index = pending.findIndex((t) => [...(parents.get(t.name) ?? [])].every((p) => placed.has(p) || SKIPPED.has(p)));
    if (index < 0) throw new Error(`Foreign keys form a cycle among: ${pending.map((t) => t.name).join(', ')}`);
    const [next] = pending.splice(index, 1);
    if (!next) break;
    placed.add(next.name);
    ordered.push({ name: next.name, primaryKey: next.pk ?? [] });
  }
  return ordered;
}
