import fs from 'node:fs';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import { AfterCommitTasks, type Database, type Row, TENANT_TX_SETUP, type Tx } from './database.ts';

/** int8 and numeric stay strings on both engines: money is never a float. */
const parsers = {
  [types.INT8]: (v: string) => v,
  [types.NUMERIC]: (v: string) => v,
};

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const pg = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers,
  });
  return new PgliteDatabase(pg);
}

class PgliteDatabase implements Database {
  readonly engine = 'pglite' as const;
  constructor(readonly pg: PGlite) {}

  async query<T = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.pg.query<T>(text, params as unknown[]);
    return result.rows;
  }

  tenant<T>(companyId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(companyId, fn);
  }

  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(null, fn);
  }

  private async transaction<T>(companyId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const afterCommit = new AfterCommitTasks();
    const value = (await this.pg.transaction(async (t) => {
      if (companyId !== null) await t.query(TENANT_TX_SETUP, [companyId]);
      return fn(wrap(t, companyId, afterCommit));
    })) as T;
    // After the transaction has let go of the one connection, so the tasks can open their own.
    await afterCommit.run(this);
    return value;
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }

  /** A compressed copy of the whole data directory (used for test templates). */
  dump(): Promise<Blob> {
    return this.pg.dumpDataDir('gzip');
  }
}

function wrap(t: Transaction, companyId: string | null, afterCommit: AfterCommitTasks): Tx {
  return {
    companyId,
    afterCommit: (key, task) => afterCommit.add(key, task),
    async query<T = Row>(text: string, params: readonly unknown[] = []) {
      const result = await t.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await t.exec(sql);
    },
  };
}

export function isPgliteDatabase(db: Database): db is Database & { dump(): Promise<Blob> } {
  return db instanceof PgliteDatabase;
}
