import fs from 'node:fs';

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

/**
 * Writes a seeded journal of `transactions` transactions over 5 years (2021–2025): 2–4 EUR postings each on
 * 200 accounts spread over the five top-level types. Amounts are integer cents, so the file balances exactly.
 */
export function generateJournal(file: string, transactions: number): void {
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

export function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}
