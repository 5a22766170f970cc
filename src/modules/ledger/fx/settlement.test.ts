import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { fromUnits, toUnits } from '../money.ts';
import { baseValueOf, divideRoundHalfUp, invertRateExactly } from './fx-math.ts';
import { type FxSettlementTerms, planFxSettlement, type SettlementLine } from './settlement.ts';

const accounts = {
  receivableAccountId: '00000000-0000-7000-8000-000000000001',
  bankAccountId: '00000000-0000-7000-8000-000000000002',
  gainAccountId: '00000000-0000-7000-8000-000000000003',
  lossAccountId: '00000000-0000-7000-8000-000000000004',
};

const terms = (over: Partial<FxSettlementTerms>): FxSettlementTerms => ({
  side: 'receivable',
  currency: 'USD',
  documentAmountCurrency: '1000',
  documentRate: '0.9',
  paidAmountCurrency: '1000',
  paymentRate: '0.95',
  ...accounts,
  ...over,
});

const totals = (lines: readonly SettlementLine[]) => ({
  debit: fromUnits(lines.reduce((s, l) => s + toUnits(l.debit ?? '0'), 0n)),
  credit: fromUnits(lines.reduce((s, l) => s + toUnits(l.credit ?? '0'), 0n)),
});

describe('fx arithmetic', () => {
  it('rounds half up, symmetrically around zero', () => {
    expect(divideRoundHalfUp(25n, 10n)).toBe(3n);
    expect(divideRoundHalfUp(24n, 10n)).toBe(2n);
    expect(divideRoundHalfUp(-25n, 10n)).toBe(-3n);
    expect(divideRoundHalfUp(-24n, 10n)).toBe(-2n);
    // 1 × 0.00025 = 0.00025 → 0.0003 (half-even would give 0.0002).
    expect(baseValueOf(10n ** 10n, 2_500_000n)).toBe(3n);
  });

  it('inverts a rate only when the inverse is exact in 10 decimals', () => {
    expect(invertRateExactly(12_500_000_000n)).toBe(8_000_000_000n); // 1.25 → 0.8
    expect(invertRateExactly(5_000_000_000n)).toBe(20_000_000_000n); // 0.5 → 2
    expect(invertRateExactly(30_000_000_000n)).toBeNull(); // 3 → 0.333…
    expect(invertRateExactly(0n)).toBeNull();
  });
});

describe('planFxSettlement', () => {
  it('books a realized gain when a receivable is collected at a higher rate', () => {
    const s = planFxSettlement(terms({}));
    expect(s).toMatchObject({ bankAmount: '950.00', clearedAmount: '900.00', realizedDifference: '50.00' });
    expect(s.lines).toEqual([
      {
        accountId: accounts.bankAccountId,
        description: 'Collected USD 1000.00 at 0.95',
        debit: '950.00',
        currency: 'USD',
        amountCurrency: '1000.00',
        rate: '0.95',
      },
      {
        accountId: accounts.receivableAccountId,
        description: 'Settled USD 1000.00 booked at 0.9',
        credit: '900.00',
        currency: 'USD',
        amountCurrency: '1000.00',
        rate: '0.9',
      },
      { accountId: accounts.gainAccountId, description: 'Realized exchange gain', credit: '50.00' },
    ]);
  });

  it('books a realized loss when a receivable is collected at a lower rate', () => {
    const s = planFxSettlement(terms({ paymentRate: '0.8825' }));
    expect(s).toMatchObject({ bankAmount: '882.50', clearedAmount: '900.00', realizedDifference: '-17.50' });
    expect(s.lines[2]).toEqual({ accountId: accounts.lossAccountId, description: 'Realized exchange loss', debit: '17.50' });
    expect(totals(s.lines)).toEqual({ debit: '900.00', credit: '900.00' });
  });

  it('mirrors a payable: paying more base than booked is a loss, less is a gain', () => {
    const loss = planFxSettlement(terms({ side: 'payable' }));
    expect(loss.realizedDifference).toBe('-50.00');
    expect(loss.lines.map((l) => [l.accountId, l.debit ?? null, l.credit ?? null])).toEqual([
      [accounts.receivableAccountId, '900.00', null],
      [accounts.bankAccountId, null, '950.00'],
      [accounts.lossAccountId, '50.00', null],
    ]);
    const gain = planFxSettlement(terms({ side: 'payable', paymentRate: '0.85' }));
    expect(gain.lines.map((l) => [l.accountId, l.debit ?? null, l.credit ?? null])).toEqual([
      [accounts.receivableAccountId, '900.00', null],
      [accounts.bankAccountId, null, '850.00'],
      [accounts.gainAccountId, null, '50.00'],
    ]);
  });

  it('posts no difference line when the rates give the same base amount', () => {
    const s = planFxSettlement(terms({ paymentRate: '0.9' }));
    expect(s.lines).toHaveLength(2);
    expect(s.realizedDifference).toBe('0.00');
  });

  it('clears partial payments so that they add up exactly to the booked base amount', () => {
    // 100 USD at 1.23456789 was booked as 123.4568; three payments at 1.31.
    const common = { documentAmountCurrency: '100', documentRate: '1.23456789', paymentRate: '1.31' };
    const first = planFxSettlement(terms({ ...common, paidAmountCurrency: '33.33' }));
    const second = planFxSettlement(terms({ ...common, previouslyPaidAmountCurrency: '33.33', paidAmountCurrency: '33.33' }));
    const last = planFxSettlement(terms({ ...common, previouslyPaidAmountCurrency: '66.66', paidAmountCurrency: '33.34' }));
    expect([first.clearedAmount, second.clearedAmount, last.clearedAmount]).toEqual(['41.1481', '41.1482', '41.1605']);
    expect(fromUnits(toUnits(first.clearedAmount) + toUnits(second.clearedAmount) + toUnits(last.clearedAmount))).toBe('123.4568');
    expect([first.bankAmount, last.bankAmount]).toEqual(['43.6623', '43.6754']);
    expect(last.realizedDifference).toBe('2.5149');
    for (const s of [first, second, last]) expect(totals(s.lines).debit).toBe(totals(s.lines).credit);
  });

  it('refuses paying more than is open, and nothing at all', () => {
    const refusal = (t: FxSettlementTerms) => {
      try {
        planFxSettlement(t);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return (err as AppError).errors;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(terms({ previouslyPaidAmountCurrency: '600', paidAmountCurrency: '400.0001' }))).toEqual([
      { path: 'paidAmountCurrency', message: 'must be at most 400.00 USD, what is still open' },
    ]);
    expect(refusal(terms({ paidAmountCurrency: '0' }))[0]?.path).toBe('paidAmountCurrency');
    expect(refusal(terms({ paymentRate: '0' }))[0]?.path).toBe('paymentRate');
    expect(refusal(terms({ documentRate: '1.5e3' }))[0]?.path).toBe('documentRate');
  });

  it('always balances and clears the document exactly, however it is split (property)', () => {
    const units = fc.bigInt({ min: 1n, max: 10n ** 12n });
    const rateUnits = fc
      .bigInt({ min: 1n, max: 10n ** 12n })
      .map((u) => `${u / 10n ** 10n}.${(u % 10n ** 10n).toString().padStart(10, '0')}`);
    fc.assert(
      fc.property(
        units,
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 5 }),
        rateUnits,
        fc.array(rateUnits, { minLength: 5, maxLength: 5 }),
        fc.constantFrom('receivable' as const, 'payable' as const),
        (document, weights, documentRate, paymentRates, side) => {
          // Split the document into parts proportional to the weights, the last part taking the remainder.
          const total = weights.reduce((s, w) => s + BigInt(w), 0n);
          const parts = weights.map((w) => (document * BigInt(w)) / total);
          parts[parts.length - 1] = document - parts.slice(0, -1).reduce((s, p) => s + p, 0n);
          let paid = 0n;
          let cleared = 0n;
          parts.forEach((part, i) => {
            if (part === 0n) return;
            let s: ReturnType<typeof planFxSettlement>;
            try {
              s = planFxSettlement({
                ...accounts,
                side,
                currency: 'USD',
                documentAmountCurrency: fromUnits(document),
                documentRate,
                previouslyPaidAmountCurrency: fromUnits(paid),
                paidAmountCurrency: fromUnits(part),
                paymentRate: paymentRates[i] ?? '1',
              });
            } catch (err) {
              // A part worth nothing once rounded is refused; it then stays open for the next payment.
              expect((err as AppError).errors[0]?.message).toBe('is too small to post');
              return;
            }
            paid += part;
            cleared += toUnits(s.clearedAmount);
            const t = totals(s.lines);
            expect(t.debit).toBe(t.credit);
            for (const l of s.lines) expect(toUnits(l.debit ?? l.credit ?? '0') > 0n).toBe(true);
          });
          if (paid === document) {
            expect(cleared).toBe(baseValueOf(document * 10n ** 6n, BigInt(documentRate.replace('.', ''))));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
