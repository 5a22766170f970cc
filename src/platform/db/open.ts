import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite-engine.ts';
import { openPostgres } from './postgres-engine.ts';

/** Opens the engine the configuration names: PostgreSQL when DATABASE_URL is set, PGlite otherwise. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) return Promise.resolve(openPostgres(config.databaseUrl));
  return openPglite({ dataDir: config.dataDir });
}
