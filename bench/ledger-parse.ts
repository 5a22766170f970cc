/**
 * Reading a plain-text journal: our streaming parser + trial balance against ledger-cli's `balance` on the
 * same seeded file. Run: `npm run bench:ledger-parse [-- TRANSACTIONS]` (default 1,000,000).
 * `npm run bench:ledger` times the whole database import on the same file.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJournalStream } from '../src/modules/ledger/plain-text/parse-journal.ts';
import { TrialBalanceAccumulator } from '../src/modules/ledger/plain-text/trial-balance.ts';
import { generateJournal, seconds } from './journal-generator.ts';

const transactions = Number(process.argv[2] ?? 1_000_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-bench-'));
const file = path.join(dir, 'bench.journal');
try {
  generateJournal(file, transactions);
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
