import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuantity } from './amount.ts';
import { hasHledger, hledgerBalances, normalise } from './hledger-oracle.ts';
import { parseJournal } from './parse-journal.ts';
import { randomJournal } from './random-journal.ts';
import { type TrialBalanceRow, trialBalance } from './trial-balance.ts';
import { writeJournal } from './write-journal.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.journal'));

/** Non-zero balances as `account\tcommodity` → normalised decimal (hledger hides zero balances). */
function nonZeroBalances(rows: TrialBalanceRow[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const row of rows) {
    const negative = row.balance.startsWith('-');
    const { quantity, scale } = parseQuantity(negative ? row.balance.slice(1) : row.balance, '.');
    if (quantity === 0n) continue;
    result.set(`${row.account}\t${row.commodity}`, normalise({ quantity: negative ? -quantity : quantity, scale }));
  }
  return result;
}

const sorted = (m: Map<string, string>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe.runIf(hasHledger)('trial balance equals hledger balance --flat -N (fixtures)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-text-oracle-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true }));

  it('covers every fixture', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of fixtures) {
    it(name, () => {
      const file = path.join(FIXTURES, name);
      const journal = parseJournal(fs.readFileSync(file, 'utf8'), name);
      const ours = nonZeroBalances(trialBalance(journal.transactions));
      const commodities = [...ours.keys()].map((k) => k.split('\t')[1] ?? '');
      expect(ours.size).toBeGreaterThan(0);
      expect(sorted(hledgerBalances(file, commodities))).toEqual(sorted(ours));
    });

    it(`${name}: parse → write → hledger and → parse give the same balances`, () => {
      const journal = parseJournal(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), name);
      const written = writeJournal(journal.transactions);
      const out = path.join(tmp, name);
      fs.writeFileSync(out, written);
      const rows = trialBalance(journal.transactions);
      const ours = nonZeroBalances(rows);
      const commodities = [...ours.keys()].map((k) => k.split('\t')[1] ?? '');
      expect(sorted(hledgerBalances(out, commodities))).toEqual(sorted(ours));
      expect(trialBalance(parseJournal(written, out).transactions)).toEqual(rows);
    });
  }
});

describe.runIf(hasHledger)('property: random balanced journals agree with hledger', () => {
  it('trial balance of the journal and of its rewrite equal hledger balance', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-text-random-'));
    try {
      fc.assert(
        fc.property(randomJournal, (text) => {
          const journal = parseJournal(text, 'random.journal');
          const ours = nonZeroBalances(trialBalance(journal.transactions));
          const commodities = [...ours.keys()].map((k) => k.split('\t')[1] ?? '');
          const original = path.join(tmp, 'random.journal');
          fs.writeFileSync(original, text);
          expect(sorted(hledgerBalances(original, commodities))).toEqual(sorted(ours));
          const rewritten = path.join(tmp, 'rewritten.journal');
          fs.writeFileSync(rewritten, writeJournal(journal.transactions));
          expect(sorted(hledgerBalances(rewritten, commodities))).toEqual(sorted(ours));
        }),
        { numRuns: 25 },
      );
    } finally {
      fs.rmSync(tmp, { recursive: true });
    }
  });
});
