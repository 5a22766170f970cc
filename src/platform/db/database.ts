/** One data-access interface over the embedded engine (PGlite) and a PostgreSQL server (`pg`). */
export type Row = Record<string, unknown>;
export type EngineName = 'pglite' | 'postgres';

export interface Queryable {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Tx extends Queryable {
  /** The company this transaction acts for (RLS is set to it), or null for system work. */
  readonly companyId: string | null;
  /** Runs a script of several statements without parameters (migrations, restore). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `task` once the transaction has committed (never if it rolls back), before `tenant`/`system`
   * returns. Tasks registered under the same key run once. A failing task is logged, not thrown: what
   * the transaction wrote is committed either way, so follow-up work must be safe to redo later.
   */
  afterCommit(key: string, task: (db: Database) => Promise<void>): void;
}

export interface Database extends Queryable {
  readonly engine: EngineName;
  /**
   * A transaction on behalf of one company. It runs as the unprivileged `trastienda_app` role with
   * `app.company_id` set, so Row Level Security hides every other company's rows even if a query forgets
   * its `company_id` filter.
   */
  tenant<T>(companyId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A transaction with no tenant, for installation-wide work (sign-in, migrations, backup). */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export const APP_ROLE = 'trastienda_app';

export const TENANT_TX_SETUP = `SELECT set_config('role', '${APP_ROLE}', true), set_config('app.company_id', $1, true)`;

/** Postgres error codes we act on. */
export const PgCode = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  invalidTextRepresentation: '22P02',
  serializationFailure: '40001',
  deadlock: '40P01',
  raiseException: 'P0001',
  insufficientPrivilege: '42501',
} as const;

export function pgErrorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return (err as { code: string }).code;
  }
  return undefined;
}

/** The after-commit tasks of one transaction (see Tx.afterCommit). */
export class AfterCommitTasks {
  private readonly tasks = new Map<string, (db: Database) => Promise<void>>();

  add(key: string, task: (db: Database) => Promise<void>): void {
    if (!this.tasks.has(key)) this.tasks.set(key, task);
  }

  async run(db: Database): Promise<void> {
    for (const [key, task] of this.tasks) {
      try {
        await task(db);
      } catch (err) {
        console.error(`after-commit task ${key} failed; it is redone by the next one or by its job`, err);
      }
    }
  }
}
