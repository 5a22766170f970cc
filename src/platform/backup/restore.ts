import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Database, Tx } from '../db/database.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { BACKUP_FORMAT, type BackupHeader, type BackupProgress } from './backup.ts';

const BATCH = 2000;

function invalid(file: string, line: number, why: string): AppError {
  return new AppError('VALIDATION_FAILED', `${file}:${line}: ${why}`);
}

/**
 * Loads a backup into an empty installation (either engine). The target is first migrated to the
 * backup's schema, the rows are inserted in foreign-key order in one transaction (all or nothing), the
 * row counts are checked against the header, and then any newer migrations run on the restored data.
 */
export async function restoreFrom(db: Database, file: string, onProgress?: (p: BackupProgress) => void): Promise<BackupHeader> {
  try {
    await fs.promises.access(file, fs.constants.R_OK);
  } catch {
    throw new AppError('VALIDATION_FAILED', `${file}: no such file, or it cannot be read`);
  }
  const source = fs.createReadStream(file);
  const gunzip = createGunzip();
  // pipe() does not forward errors: without this a read error would escape as an uncaught exception.
  source.on('error', (err) => gunzip.destroy(err));
  const input = readline.createInterface({ input: source.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = input[Symbol.asyncIterator]();
  let lineNo = 1;
  const lines = {
    next: () =>
      iterator.next().catch((err: unknown) => {
        throw invalid(file, lineNo, `truncated or corrupt: ${err instanceof Error ? err.message : String(err)}`);
      }),
  };
  const first = await lines.next().catch(() => ({ done: true as const, value: undefined }));
  if (first.done || !first.value) throw invalid(file, 1, 'not a Trastienda backup (empty or not gzip)');
  let header: BackupHeader;
  try {
    header = JSON.parse(first.value) as BackupHeader;
  } catch {
    throw invalid(file, 1, 'not a Trastienda backup (bad header)');
  }
  if (header.format !== BACKUP_FORMAT) throw invalid(file, 1, 'not a Trastienda backup');
  const known = loadMigrations();
  const unknown = header.migrations.filter((v) => !known.some((m) => m.version === v));
  if (unknown.length) throw invalid(file, 1, `made by a newer version (unknown migrations ${unknown.join(', ')}); upgrade first`);

  await migrate(
    db,
    known.filter((m) => header.migrations.includes(m.version)),
  );
  const totalRows = header.tables.reduce((sum, t) => sum + t.rows, 0);
  await db.system(async (tx) => {
    // Rows are copied verbatim from a consistent backup: triggers that derive data from other tables
    // (say, balances from journal lines) read this and leave the copied derived rows as they are, instead
    // of deriving them a second time. Local to this transaction.
    await tx.query(`SELECT set_config('app.restoring', 'on', true)`);
    const [existing] = await tx.query<{ n: number }>('SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM users) AS n');
    if (Number(existing?.n ?? 0) > 0) {
      throw new AppError('INVALID_STATE', 'Restore needs an empty installation: this one already has companies or users');
    }
    const counts = new Map<string, number>();
    let table = '';
    let batch: string[] = [];
    let done = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await insertRows(tx, table, batch);
      counts.set(table, (counts.get(table) ?? 0) + batch.length);
      done += batch.length;
      batch = [];
      onProgress?.({ table, rows: done, totalRows });
    };
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      lineNo += 1;
      // `s`: row text may hold U+2028/U+2029, which JSON leaves unescaped and `.` would not match.
      const match = /^\{"t":"([a-z0-9_]+)","r":(.*)\}$/s.exec(next.value);
      if (!match?.[1] || match[2] === undefined) throw invalid(file, lineNo, 'unreadable row line');
      if (match[1] !== table) {
        await flush();
        table = match[1];
        if (!header.tables.some((t) => t.name === table)) throw invalid(file, lineNo, `unknown table ${table}`);
      }
      batch.push(match[2]);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    for (const t of header.tables) {
      if ((counts.get(t.name) ?? 0) !== t.rows) {
        throw invalid(
          file,
          lineNo,
          `table ${t.name} has ${counts.get(t.name) ?? 0} rows, the header says ${t.rows}: the file is truncated`,
        );
      }
    }
  });
  await migrate(db);
  return header;
}

async function insertRows(tx: Tx, table: string, rows: string[]): Promise<void> {
  await tx.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, [`[${rows.join(',')}]`]);
}
