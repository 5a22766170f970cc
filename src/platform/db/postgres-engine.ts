import pg from 'pg';
import { AfterCommitTasks, type Database, type Row, TENANT_TX_SETUP, type Tx } from './database.ts';

export function openPostgres(connectionString: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its server must not crash the process; the next checkout reconnects.
  pool.on('error', () => {});
  return new PostgresDatabase(pool);
}

class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async query<T = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(text, params as unknown[]);
    return result.rows as T[];
  }

  tenant<T>(companyId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(companyId, fn);
  }

  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(null, fn);
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(companyId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const afterCommit = new AfterCommitTasks();
    let value: T;
    try {
      await client.query('BEGIN');
      if (companyId !== null) await client.query(TENANT_TX_SETUP, [companyId]);
      const tx: Tx = {
        companyId,
        async query<R = Row>(text: string, params: readonly unknown[] = []) {
          const result = await client.query(text, params as unknown[]);
          return result.rows as R[];
        },
        async exec(sql: string) {
          await client.query(sql);
        },
        afterCommit: (key, task) => afterCommit.add(key, task),
      };
      value = await fn(tx);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    await afterCommit.run(this);
    return value;
  }
}
