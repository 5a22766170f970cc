/**
 * Reading a plain-text journal: our streaming parser + trial balance against ledger-cli's `balance` on the
 * same seeded file. Run: `npm run bench:ledger-parse [-- TRANSACTIONS]` (default 1,000,000).
 * The database import half of `bench:ledger` (issue 3) comes when `ledger import` exists.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJournalStream } from '../src/modules/ledger/plain-text/parse-journal.ts';
import { TrialBalanceAccumulator } from '../src/modules/ledger/plain-text/trial-balance.ts';

const transactions = Number(process.argv[2] ?? 1_000_000);

/** mulberry32: a tiny seeded generator, so every run reads the same file. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(file: string): void {
  const random = seeded(20261125);
  const tops = ['Assets', 'Liabilities', 'Income', 'Expenses', 'Equity'];
  const accounts = Array.from({ length: 200 }, (_, i) => `${tops[i % tops.length]}:Group${i % 17}:Account${i}`);
  const out = fs.openSync(file, 'w');
  let chunk = '';
  const start = Date.UTC(2021, 0, 1);
  for (let i = 0; i < transactions; i++) {
    const day = new Date(start + Math.floor((i / transactions) * 5 * 365) * 86_400_000).toISOString().slice(0, 10);
    const postings = 1 + Math.floor(random() * 3);
    let total = 0;
    chunk += `${day} * Transaction ${i}\n`;
    for (let p = 0; p < postings; p++) {
      const cents = 1 + Math.floor(random() * 1_000_000);
      total += cents;
      const account = accounts[Math.floor(random() * accounts.length)];
      chunk += `    ${account}  ${(cents / 100).toFixed(2)} EUR\n`;
    }
    // The last posting balances the transaction (integer cents, so the generator stays exact).
    chunk += `    ${accounts[Math.floor(random() * accounts.length)]}  ${(-total / 100).toFixed(2)} EUR\n\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-bench-'));
const file = path.join(dir, 'bench.journal');
try {
  generate(file);
  const size = fs.statSync(file).size;
  console.log(`journal: ${transactions} transactions, ${(size / 1e6).toFixed(1)} MB`);

  let t = process.hrtime.bigint();
  execFileSync('ledger', ['-f', file, 'balance'], { stdio: 'ignore', maxBuffer: 1 << 30 });
  const ledgerSeconds = seconds(t);
  console.log(`ledger-cli balance:            ${ledgerSeconds.toFixed(2)} s`);

  t = process.hrtime.bigint();
  const trial = new TrialBalanceAccumulator();
  let parsed = 0;
  for await (const item of parseJournalStream(fs.createReadStream(file), file)) {
    if (item.kind === 'transaction') {
      trial.add(item.transaction);
      parsed += 1;
    }
  }
  const rows = trial.rows();
  const oursSeconds = seconds(t);
  const rss = process.memoryUsage().rss / 1e6;
  console.log(
    `parse + trial balance (ours):  ${oursSeconds.toFixed(2)} s, ${parsed} transactions, ${rows.length} rows, RSS ${rss.toFixed(0)} MB`,
  );
  console.log(`ratio ours / ledger-cli:       ${(oursSeconds / ledgerSeconds).toFixed(2)}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
