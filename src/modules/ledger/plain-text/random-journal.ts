import fc from 'fast-check';
import { type Amount, formatAmount } from './amount.ts';

/** Test helper: fast-check arbitraries for random balanced journals (every construct the writer emits). */
const commodity = fc.constantFrom('EUR', '$', '€', 'ACME Corp', 'AAPL', '');
const account = fc.constantFrom(
  'Assets:Bank',
  'Assets:Cash',
  'Liabilities:Card',
  'Equity:Opening',
  'Income:Sales',
  'Expenses:Food',
  'Gastos:Oficina Central',
);
interface Bounds {
  maxQuantity: bigint;
  minPrice: bigint;
  maxPrice: bigint;
}
const postingWith = (b: Bounds) =>
  fc.record({
    account,
    amount: fc.record({
      quantity: fc.bigInt({ min: -b.maxQuantity, max: b.maxQuantity }),
      scale: fc.integer({ min: 0, max: 6 }),
      commodity,
    }),
    price: fc.option(
      fc.record({
        kind: fc.constantFrom('@' as const, '@@' as const),
        amount: fc.record({ quantity: fc.bigInt({ min: b.minPrice, max: b.maxPrice }), scale: fc.integer({ min: 0, max: 4 }), commodity }),
      }),
    ),
  });
const transactionWith = (b: Bounds) =>
  fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    status: fc.constantFrom('' as const, '*' as const, '!' as const),
    description: fc.stringMatching(/^[A-Za-z0-9 .,áñ|-]{0,20}$/),
    postings: fc.array(postingWith(b), { minLength: 1, maxLength: 5 }),
    omit: fc.boolean(),
  });
const transaction = transactionWith({ maxQuantity: 10n ** 15n, minPrice: 0n, maxPrice: 10n ** 9n });

/** Builds the journal text for a random transaction, adding one balancing posting per commodity at cost. */
function journalOf(txs: (typeof transaction extends fc.Arbitrary<infer T> ? T : never)[]): string {
  return txs
    .map((t) => {
      const lines = [`2024-02-${String(t.day).padStart(2, '0')}${t.status ? ` ${t.status}` : ''} ${t.description.trim()}`];
      const sums = new Map<string, { quantity: bigint; scale: number }>();
      for (const p of t.postings) {
        const price = p.price && p.price.amount.commodity !== p.amount.commodity ? p.price : null;
        lines.push(`    ${p.account}  ${formatAmount(p.amount)}${price ? ` ${price.kind} ${formatAmount(price.amount)}` : ''}`);
        let cost: Amount = p.amount;
        if (price) {
          const q =
            price.kind === '@'
              ? p.amount.quantity * price.amount.quantity
              : p.amount.quantity < 0n
                ? -price.amount.quantity
                : price.amount.quantity;
          cost = {
            quantity: q,
            scale: price.kind === '@' ? p.amount.scale + price.amount.scale : price.amount.scale,
            commodity: price.amount.commodity,
          };
        }
        const prev = sums.get(cost.commodity) ?? { quantity: 0n, scale: 0 };
        const scale = Math.max(prev.scale, cost.scale);
        sums.set(cost.commodity, {
          quantity: prev.quantity * 10n ** BigInt(scale - prev.scale) + cost.quantity * 10n ** BigInt(scale - cost.scale),
          scale,
        });
      }
      const open = [...sums.entries()].filter(([, s]) => s.quantity !== 0n);
      if (t.omit && open.length <= 1) lines.push('    Equity:Balancing');
      else
        for (const [c, s] of open)
          lines.push(`    Equity:Balancing  ${formatAmount({ quantity: -s.quantity, scale: s.scale, commodity: c })}`);
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** The text of 1–15 random balanced transactions (prices @ and @@, several commodities, omitted amounts). */
export const randomJournal = fc.array(transaction, { minLength: 1, maxLength: 15 }).map(journalOf);

/**
 * The same within what the ledger stores: no zero prices (`1 EUR @ $0` is a line worth nothing, and a ledger
 * line is a debit or a credit of some value) and values under 10^20 (numeric(30,10) columns).
 */
export const randomPricedJournal = fc
  .array(transactionWith({ maxQuantity: 10n ** 12n, minPrice: 1n, maxPrice: 10n ** 6n }), { minLength: 1, maxLength: 15 })
  .map(journalOf);
