import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Amount } from './amount.ts';
import { parseJournal, type Transaction } from './parse-journal.ts';
import { randomJournal } from './random-journal.ts';
import { trialBalance } from './trial-balance.ts';
import { writeJournal } from './write-journal.ts';

const amt = (quantity: bigint, scale: number, commodity: string): Amount => ({ quantity, scale, commodity });

describe('trialBalance', () => {
  it('gives debit, credit and balance per account × commodity, sorted, in each commodity’s own units', () => {
    const j = parseJournal(
      '2024-01-01 x\n    b  10 EUR @ $1.1\n    a  $1.5\n    a  $-0.25\n    c\n\n2024-01-02 y\n    a  5.125 EUR\n    b  -5.125 EUR\n\n2024-01-03 z\n    a  -10 EUR\n    b  10 EUR\n',
      'x.journal',
    );
    expect(trialBalance(j.transactions)).toEqual([
      { account: 'a', commodity: '$', debit: '1.50', credit: '0.25', balance: '1.25' },
      { account: 'a', commodity: 'EUR', debit: '5.125', credit: '10.000', balance: '-4.875' },
      { account: 'b', commodity: 'EUR', debit: '20.000', credit: '5.125', balance: '14.875' },
      { account: 'c', commodity: '$', debit: '0.00', credit: '12.25', balance: '-12.25' },
    ]);
  });

  it('refuses a transaction with a missing amount', () => {
    expect(() => trialBalance([{ postings: [{ line: 3, status: '', account: 'a', amount: null }] }])).toThrow(
      'posting on line 3 has no amount',
    );
  });
});

describe('writeJournal', () => {
  it('writes explicit amounts, prices, assertions, statuses, codes and comments', () => {
    const j = parseJournal(
      '2024/01/01 * (42) Shop  ; why\n    ; more\n    ! a  10 AAPL @ $1.5 = 10 AAPL  ; p\n    b\n\n2024-01-02\n    c  "ACME Corp" 1 @@ 2,50 EUR\n    d\n',
      'x.journal',
    );
    expect(writeJournal(j.transactions)).toBe(
      [
        '2024-01-01 * (42) Shop',
        '    ; why',
        '    ; more',
        '    ! a  10 AAPL @ $1.5 = 10 AAPL',
        '      ; p',
        '    b  $-15.0',
        '',
        '2024-01-02',
        '    c  1 "ACME Corp" @@ 2.50 EUR',
        '    d  -2.50 EUR',
        '',
      ].join('\n'),
    );
    expect(writeJournal(j.transactions, { assertions: false })).not.toContain('= 10 AAPL');
    const again = parseJournal(writeJournal(j.transactions), 'y.journal').transactions;
    expect(again.map((t) => ({ ...t, line: 0, postings: t.postings.map((p) => ({ ...p, line: 0, inferred: undefined })) }))).toEqual(
      j.transactions.map((t) => ({ ...t, line: 0, postings: t.postings.map((p) => ({ ...p, line: 0, inferred: undefined })) })),
    );
  });

  it('keeps descriptions that look like a status or a code', () => {
    const tx: Transaction = {
      line: 1,
      date: '2024-01-01',
      status: '',
      code: '',
      description: '(draft) rent',
      comment: '',
      postings: [{ line: 2, status: '', account: 'a', amount: amt(0n, 0, '') }],
    };
    for (const description of ['(draft) rent', '*star', '! bang']) {
      const written = writeJournal([{ ...tx, description }]);
      expect(written.startsWith('2024-01-01 () ')).toBe(true);
      const [again] = parseJournal(written, 'x.journal').transactions;
      expect(again && { status: again.status, code: again.code, description: again.description }).toEqual({
        status: '',
        code: '',
        description,
      });
    }
  });

  it.each([
    ['description', { description: 'a;b' }, 'transaction description'],
    ['code', { code: 'a)b' }, 'transaction code'],
    ['date', { date: '2024/01/01' }, 'invalid date'],
    ['account', { account: 'a  b' }, 'account name'],
    ['account', { account: '(a)' }, 'account name'],
  ])('refuses an unwritable %s', (_what, patch, message) => {
    const tx: Transaction = {
      line: 1,
      date: '2024-01-01',
      status: '',
      code: '',
      description: 'x',
      comment: '',
      postings: [{ line: 2, status: '', account: 'a', amount: amt(0n, 0, '') }],
    };
    const { account, ...txPatch } = patch as Partial<Transaction> & { account?: string };
    const bad: Transaction = { ...tx, ...txPatch, postings: tx.postings.map((p) => ({ ...p, account: account ?? p.account })) };
    expect(() => writeJournal([bad])).toThrow(message);
  });
});

describe('property: random balanced transactions → write → parse keep the trial balance', () => {
  it('holds', () => {
    fc.assert(
      fc.property(randomJournal, (text) => {
        const journal = parseJournal(text, 'random.journal');
        const rows = trialBalance(journal.transactions);
        const written = writeJournal(journal.transactions);
        const again = parseJournal(written, 'written.journal');
        expect(trialBalance(again.transactions)).toEqual(rows);
        expect(writeJournal(again.transactions)).toBe(written);
      }),
      { numRuns: 300 },
    );
  });
});
