import type { Amount } from './amount.ts';
import { formatQuantity } from './amount.ts';
import type { Transaction } from './parse-journal.ts';

/** One element of the trial balance: decimal strings in the commodity's own units (not converted). */
export interface TrialBalanceRow {
  account: string;
  commodity: string;
  debit: string;
  credit: string;
  balance: string;
}

interface Totals {
  debit: bigint;
  credit: bigint;
  scale: number;
}

function scaled(q: bigint, from: number, to: number): bigint {
  return q * 10n ** BigInt(to - from);
}

/** Accumulates postings one transaction at a time (for streams); `rows()` gives the sorted trial balance. */
export class TrialBalanceAccumulator {
  private readonly totals = new Map<string, Map<string, Totals>>();

  add(tx: Pick<Transaction, 'postings'>): void {
    for (const p of tx.postings) {
      if (!p.amount) throw new RangeError(`posting on line ${p.line} has no amount`);
      this.addAmount(p.account, p.amount);
    }
  }

  addAmount(account: string, amount: Amount): void {
    let perCommodity = this.totals.get(account);
    if (!perCommodity) {
      perCommodity = new Map();
      this.totals.set(account, perCommodity);
    }
    let t = perCommodity.get(amount.commodity);
    if (!t) {
      t = { debit: 0n, credit: 0n, scale: 0 };
      perCommodity.set(amount.commodity, t);
    }
    if (amount.scale > t.scale) {
      t.debit = scaled(t.debit, t.scale, amount.scale);
      t.credit = scaled(t.credit, t.scale, amount.scale);
      t.scale = amount.scale;
    }
    const q = scaled(amount.quantity, amount.scale, t.scale);
    if (q >= 0n) t.debit += q;
    else t.credit -= q;
  }

  rows(): TrialBalanceRow[] {
    const rows: TrialBalanceRow[] = [];
    const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const account of [...this.totals.keys()].sort(byCodeUnit)) {
      const perCommodity = this.totals.get(account) as Map<string, Totals>;
      for (const commodity of [...perCommodity.keys()].sort(byCodeUnit)) {
        const t = perCommodity.get(commodity) as Totals;
        rows.push({
          account,
          commodity,
          debit: formatQuantity(t.debit, t.scale),
          credit: formatQuantity(t.credit, t.scale),
          balance: formatQuantity(t.debit - t.credit, t.scale),
        });
      }
    }
    return rows;
  }
}

/**
 * One row per account × commodity with postings, sorted by account then commodity (code-unit order).
 * Debit and credit are the sums of the positive and (the magnitude of) the negative posting amounts;
 * balance = debit − credit. Each row uses the largest number of decimals among its postings.
 */
export function trialBalance(transactions: Iterable<Pick<Transaction, 'postings'>>): TrialBalanceRow[] {
  const acc = new TrialBalanceAccumulator();
  for (const tx of transactions) acc.add(tx);
  return acc.rows();
}
