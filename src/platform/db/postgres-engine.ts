import { createHash } from 'node:crypto';
import pg from 'pg';
import { AfterCommitTasks, type Database, type Row, TENANT_TX_SETUP, type Tx } from './database.ts';

// Statements with parameters run as named prepared statements, so each connection parses and plans one
// once and then reuses the plan, as PostgreSQL decides (custom plans first, a generic one when it is no
// worse). This took a posting under load from ~200 to ~245 per second (npm run bench:ledger-post). Names
// come from the text. Only the first PREPARED_LIMIT distinct texts are prepared, which bounds what each
// connection keeps; statements without parameters (scripts, DDL) run unnamed.
const PREPARED_LIMIT = 1000;
const preparedNames = new Map<string, string>();

function statement(text: string, params: readonly unknown[]): pg.QueryConfig {
  if (params.length === 0) return { text };
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < PREPARED_LIMIT) {
    name = `t${createHash('sha1').update(text).digest('base64url')}`;
    preparedNames.set(text, name);
  }
  return name === undefined ? { text, values: params as unknown[] } : { name, text, values: params as unknown[] };
}

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
    const result = await this.pool.query(statement(text, params));
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
          const result = await client.query(statement(text, params));
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
