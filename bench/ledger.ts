/**
 * The ledger benchmark of issue 3: one seeded journal (default 1,000,000 transactions) read by ledger-cli
 * (`ledger -f FILE balance`, the reference) and imported by `ledger import` (importJournal) into the embedded
 * engine and into PostgreSQL, then the reports timed on the imported books.
 * Run: `npm run bench:ledger [-- TRANSACTIONS]`. PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL
 * (a server URL; a database of its own is created and dropped), default postgres://postgres@127.0.0.1:5432/postgres.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerModules } from '../src/modules/index.ts';
import {
  balanceSheet,
  commodityTrialBalance,
  fileSource,
  importJournal,
  profitAndLoss,
  trialBalance,
} from '../src/modules/ledger/index.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit/actor.ts';
import { createCompany } from '../src/platform/companies/companies.ts';
import type { ServiceContext } from '../src/platform/context.ts';
import type { Database, EngineName } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite-engine.ts';
import { openPostgres } from '../src/platform/db/postgres-engine.ts';
import { adminUrl, databaseUrlFor } from '../src/platform/testing/postgres-urls.ts';
import { generateJournal, seconds } from './journal-generator.ts';

const transactions = Number(process.argv[2] ?? 1_000_000);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface EngineResult {
  engine: EngineName;
  importSeconds: number;
  peakRssMb: number;
  entries: number;
  lines: number;
  reports: Record<string, number>;
}

async function openEngine(engine: EngineName, dir: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openPglite({ dataDir: path.join(dir, 'pglite') });
    return { db, drop: () => db.close() };
  }
  const name = `trastienda_bench_${process.pid}`;
  const admin = openPostgres(adminUrl(serverUrl), 1);
  await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const db = openPostgres(databaseUrlFor(serverUrl, name), 4);
  return {
    db,
    drop: async () => {
      await db.close();
      const cleanup = openPostgres(adminUrl(serverUrl), 1);
      await cleanup.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => cleanup.close());
    },
  };
}

/** The best of three runs, in milliseconds (the first run warms caches; a report is read many times a day). */
async function timeReport(run: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    await run();
    best = Math.min(best, seconds(t) * 1000);
  }
  return best;
}

async function benchEngine(engine: EngineName, file: string, dir: string): Promise<EngineResult> {
  const { db, drop } = await openEngine(engine, dir);
  try {
    await migrate(db);
    const company = await createCompany(
      db,
      SYSTEM_ACTOR,
      { slug: 'bench', name: 'Bench', baseCurrency: 'EUR', country: 'ES', fiscalYearStartMonth: 1, locale: 'en', chart: 'none' },
      null,
    );
    const ctx: ServiceContext = { db, companyId: company.id, actor: SYSTEM_ACTOR };
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 200);
    const t = process.hrtime.bigint();
    let lastPhase = '';
    const result = await importJournal(ctx, fileSource(file), {
      onProgress: (p) => {
        if (p.phase !== lastPhase) {
          lastPhase = p.phase;
          console.log(`  ${engine}: ${p.phase} after ${seconds(t).toFixed(1)} s`);
        }
      },
    });
    const importSeconds = seconds(t);
    clearInterval(sampler);
    console.log(`  ${engine}: imported ${result.entries} entries, ${result.lines} lines in ${importSeconds.toFixed(2)} s`);
    const reports = {
      'trial balance per commodity (CLI)': await timeReport(() => commodityTrialBalance(ctx)),
      'trial balance (base currency)': await timeReport(() => trialBalance(ctx)),
      'trial balance, one month': await timeReport(() => trialBalance(ctx, { from: '2023-06-01', to: '2023-06-30' })),
      'balance sheet at 2025-12-31': await timeReport(() => balanceSheet(ctx, { at: '2025-12-31' })),
      'profit and loss 2024': await timeReport(() => profitAndLoss(ctx, { from: '2024-01-01', to: '2024-12-31' })),
    };
    return { engine, importSeconds, peakRssMb: peak / 1e6, entries: result.entries, lines: result.lines, reports };
  } finally {
    await drop();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-bench-ledger-'));
const file = path.join(dir, 'bench.journal');
try {
  registerModules();
  generateJournal(file, transactions);
  console.log(`journal: ${transactions} transactions, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
  const t = process.hrtime.bigint();
  execFileSync('ledger', ['-f', file, 'balance'], { stdio: 'ignore', maxBuffer: 1 << 30 });
  const ledgerSeconds = seconds(t);
  console.log(`ledger-cli balance: ${ledgerSeconds.toFixed(2)} s`);
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as EngineName[];
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await benchEngine(engine, file, dir));
  console.log(`\n| what | ${results.map((r) => r.engine).join(' | ')} |`);
  console.log(`|---|${results.map(() => '---').join('|')}|`);
  console.log(`| import (${transactions} transactions) | ${results.map((r) => `${r.importSeconds.toFixed(2)} s`).join(' | ')} |`);
  console.log(
    `| ratio import / ledger-cli balance (${ledgerSeconds.toFixed(2)} s) | ${results.map((r) => (r.importSeconds / ledgerSeconds).toFixed(2)).join(' | ')} |`,
  );
  console.log(`| peak RSS during import | ${results.map((r) => `${r.peakRssMb.toFixed(0)} MB`).join(' | ')} |`);
  for (const name of Object.keys(results[0]?.reports ?? {})) {
    console.log(`| ${name} | ${results.map((r) => `${(r.reports[name] ?? 0).toFixed(1)} ms`).join(' | ')} |`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
