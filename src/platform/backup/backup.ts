import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database } from '../db/database.ts';
import { tablesInDependencyOrder } from './tables.ts';

export const BACKUP_FORMAT = 'trastienda-backup';
export const BACKUP_FORMAT_VERSION = 1;
const BATCH = 5000;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

export interface BackupProgress {
  table: string;
  rows: number;
  totalRows: number;
}

/**
 * Writes the whole installation to one gzip file of JSON lines: a header line, then one line per row
 * (`{"t": table, "r": row}`), tables in foreign-key order. Rows are read as PostgreSQL's own JSON text and
 * never parsed here, so bigint and numeric values keep every digit. Read in one repeatable-read
 * snapshot on PostgreSQL, so a backup taken while the app runs is consistent.
 */
export async function backupTo(db: Database, file: string, onProgress?: (p: BackupProgress) => void): Promise<BackupHeader> {
  return db.system(async (tx) => {
    if (db.engine === 'postgres') await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const tables = await tablesInDependencyOrder(tx);
    const migrations = (await tx.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).map(
      (r) => r.version,
    );
    const counts: { name: string; rows: number }[] = [];
    for (const t of tables) {
      const [row] = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM "${t.name}"`);
      counts.push({ name: t.name, rows: Number(row?.n ?? 0) });
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      engine: db.engine,
      migrations,
      tables: counts,
    };
    const totalRows = counts.reduce((sum, c) => sum + c.rows, 0);
    let done = 0;
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for (const t of tables) {
        const order = t.primaryKey.length ? t.primaryKey.map((c) => `"${c}"`).join(', ') : 'ctid';
        for (let offset = 0; ; offset += BATCH) {
          const rows = await tx.query<{ j: string }>(
            `SELECT row_to_json(x)::text AS j FROM (SELECT * FROM "${t.name}" ORDER BY ${order} LIMIT ${BATCH} OFFSET ${offset}) x`,
          );
          if (rows.length > 0) yield rows.map((r) => `{"t":"${t.name}","r":${r.j}}\n`).join('');
          done += rows.length;
          onProgress?.({ table: t.name, rows: done, totalRows });
          if (rows.length < BATCH) break;
        }
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(file));
    return header;
  });
}
