import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Amount } from './amount.ts';
import { JournalError, type JournalItem, parseJournal, parseJournalStream, typeTagOf } from './parse-journal.ts';
import { trialBalance } from './trial-balance.ts';

const amt = (quantity: bigint, scale: number, commodity: string): Amount => ({ quantity, scale, commodity });
const FIXTURES = path.join(import.meta.dirname, 'fixtures');

function errorOf(text: string): JournalError {
  try {
    parseJournal(text, 'test.journal');
  } catch (e) {
    if (e instanceof JournalError) return e;
    throw e;
  }
  throw new Error('expected a JournalError');
}

describe('parseJournal: constructs', () => {
  it('reads headers: dates in both styles, status, code, description, comment', () => {
    const j = parseJournal(
      '2024-01-01 * (1001) Opening balance  ; trailing\n    a  $1\n    b\n\n2024/2/9 ! Shop | note\n    a  1 EUR\n    b  -1 EUR\n\n2024-03-01\n    a  0\n',
      'x.journal',
    );
    expect(
      j.transactions.map(({ line, date, status, code, description, comment }) => ({ line, date, status, code, description, comment })),
    ).toEqual([
      { line: 1, date: '2024-01-01', status: '*', code: '1001', description: 'Opening balance', comment: 'trailing' },
      { line: 5, date: '2024-02-09', status: '!', code: '', description: 'Shop | note', comment: '' },
      { line: 9, date: '2024-03-01', status: '', code: '', description: '', comment: '' },
    ]);
  });

  it('reads postings: amounts, inferred amount, posting status, comments, CRLF', () => {
    const j = parseJournal(
      '2024-01-01 x\r\n    ; tx comment\r\n    * Assets:Bank Account  €10.50  ; p1\r\n      ; more\r\n    Equity:Opening \t\r\n',
      'x.journal',
    );
    const [tx] = j.transactions;
    expect(tx?.comment).toBe('tx comment');
    expect(tx?.postings).toEqual([
      { line: 3, status: '*', account: 'Assets:Bank Account', amount: amt(1050n, 2, '€'), comment: 'p1\nmore' },
      { line: 5, status: '', account: 'Equity:Opening', amount: amt(-1050n, 2, '€'), inferred: true },
    ]);
  });

  it('reads prices @ and @@ and balances at cost; infers in the price commodity', () => {
    const j = parseJournal(
      '2024-01-01 buy\n    Assets:Broker  10 AAPL @ $150.25\n    Assets:Bank\n\n2024-01-02 buy\n    Assets:Broker  5 AAPL @@ $760\n    Assets:Bank  $-760\n',
      'x.journal',
    );
    expect(j.transactions[0]?.postings[0]?.cost).toEqual({ kind: '@', amount: amt(15025n, 2, '$') });
    expect(j.transactions[0]?.postings[1]?.amount).toEqual(amt(-150250n, 2, '$'));
    expect(j.transactions[1]?.postings[0]?.cost).toEqual({ kind: '@@', amount: amt(760n, 0, '$') });
  });

  it('infers an amount when the priced postings leave a single commodity', () => {
    const j = parseJournal('2024-01-01 x\n    a  50 EUR @@ $56\n    b  $1.50\n    c\n', 'x.journal');
    expect(j.transactions[0]?.postings[2]?.amount).toEqual(amt(-5750n, 2, '$'));
  });

  it('infers a zero amount when the others already balance', () => {
    const j = parseJournal('2024-01-01 x\n    a  $1\n    b  $-1\n    c\n', 'x.journal');
    expect(j.transactions[0]?.postings[2]?.amount).toEqual(amt(0n, 0, ''));
  });

  it('checks balance assertions in file order, per account and commodity', () => {
    const j = parseJournal(
      '2024-01-01 x\n    a  $1 = $1.00\n    a  2 EUR = $1\n    b  -2 EUR\n    b\n\n2024-01-02 y\n    a  $-1 = $0\n    b  $1 = -2 EUR\n',
      'x.journal',
    );
    expect(j.transactions[0]?.postings[0]?.assertion).toEqual(amt(100n, 2, '$'));
    expect(j.transactions[1]?.postings[1]?.assertion).toEqual(amt(-2n, 0, 'EUR'));
  });

  it('reads account, commodity and P directives and skips comment lines', () => {
    const j = parseJournal(
      [
        '; semicolon',
        '# hash',
        '* star',
        'account Assets:Cash  ; type: A',
        'account Caja',
        '    ; note, type:C',
        'account Expenses:Food',
        'commodity 1.000,00 EUR',
        'commodity $',
        'commodity "ACME Corp"',
        'P 2024-01-01 EUR $1.10',
        'P 2024/01/02 "ACME Corp" 1.234,5 EUR',
        '',
        '2024-01-03 x',
        '    Assets:Cash  1.000 EUR',
        '    Caja',
      ].join('\n'),
      'x.journal',
    );
    expect(j.accounts).toEqual([
      { line: 4, account: 'Assets:Cash', typeTag: 'A', comment: 'type: A' },
      { line: 5, account: 'Caja', typeTag: 'C', comment: 'note, type:C' },
      { line: 7, account: 'Expenses:Food', comment: '' },
    ]);
    expect(j.commodities).toEqual([
      { line: 8, commodity: 'EUR', decimalMark: ',' },
      { line: 9, commodity: '$' },
      { line: 10, commodity: 'ACME Corp' },
    ]);
    expect(j.prices).toEqual([
      { line: 11, date: '2024-01-01', commodity: 'EUR', price: amt(110n, 2, '$') },
      { line: 12, date: '2024-01-02', commodity: 'ACME Corp', price: amt(12345n, 1, 'EUR') },
    ]);
    expect(j.transactions[0]?.postings[0]?.amount).toEqual(amt(1000n, 0, 'EUR'));
  });

  it('extracts type tags', () => {
    expect(typeTagOf('type: A')).toBe('A');
    expect(typeTagOf('foo, type:Liability, bar:1')).toBe('Liability');
    expect(typeTagOf('subtype: A')).toBeUndefined();
  });
});

describe('parseJournal: errors name file:line and nothing is returned', () => {
  it.each([
    ['2024-13-01 x\n    a  1\n    b\n', 1, 'invalid date "2024-13-01"'],
    ['2023-02-29 x\n    a  1\n    b\n', 1, 'invalid date'],
    ['2024-01-01=2024-01-02 x\n', 1, 'secondary dates are not supported'],
    ['2024-01-01x\n', 1, 'invalid date'],
    ['2024-01/02 x\n', 1, 'invalid date'],
    ['2024-01-01 (abc x\n', 1, 'unterminated transaction code'],
    ['2024-01-01 x\n    a  $1\n    b  $-2\n', 1, 'unbalanced transaction: postings sum to $-1'],
    ['2024-01-01 x\n    a  $1\n    b  1 EUR\n', 1, 'unbalanced transaction: postings sum to $1, 1 EUR'],
    // hledger 1.25 accepts this (zero at display precision); we require an exact zero.
    ['2024-01-01 x\n    a  3 X @ $0.333\n    b  $-1.00\n', 1, 'unbalanced transaction: postings sum to $-0.001'],
    ['2024-01-01 x\n    a  $1\n    b\n    c\n', 4, 'only one posting per transaction may omit its amount (another one does on line 3)'],
    [
      '2024-01-01 x\n    a  $1\n    b  1 EUR\n    c\n',
      4,
      'cannot infer the omitted amount: the other postings leave several commodities unbalanced ($1, 1 EUR)',
    ],
    ['2024-01-01 x\n    a  $1 = $2\n    b\n', 2, 'balance assertion failed: a is $1, the assertion says $2'],
    [
      '2024-01-01 x\n    a  $1\n    b\n\n2024-01-02 y\n    b  $1 = $1\n    a\n',
      6,
      'balance assertion failed: b is $0, the assertion says $1',
    ],
    ['2024-01-01 x\n    a  $1 == $1\n    b\n', 2, 'only single-commodity balance assertions'],
    ['2024-01-01 x\n    a  = $1\n    b\n', 2, 'balance assignments'],
    ['2024-01-01 x\n    a  $1 @ -2 EUR\n    b\n', 2, 'a price must not be negative'],
    ['2024-01-01 x\n    a  $1 @ $2\n    b\n', 2, 'a price must be in another commodity'],
    ['2024-01-01 x\n    a  @ $2\n    b\n', 2, 'a price needs an amount before it'],
    ['2024-01-01 x\n    a  $1 @ \n    b\n', 2, 'invalid price: empty amount'],
    ['2024-01-01 x\n    a  1 {$2} AAPL\n    b\n', 2, 'invalid amount'],
    ['2024-01-01 x\n    a  $1x2\n    b\n', 2, 'invalid amount'],
    ['2024-01-01 x\n    (a)  $1\n', 2, 'virtual postings are not supported'],
    ['2024-01-01 x\n    a\t$1\n    b\n', 2, 'a single tab does not separate'],
    ['2024-01-01 x\n    ;c\n    *\n', 3, 'posting has no account name'],
    ['    a  $1\n', 1, 'unexpected indented line'],
    ['account a\n    note x\n', 2, 'unexpected indented line'],
    ['account\n', 1, 'account directive without an account name'],
    ['commodity\n', 1, 'commodity directive without a commodity'],
    ['commodity 1..0 EUR\n', 1, 'invalid commodity directive'],
    ['commodity A B\n', 1, 'invalid commodity directive'],
    ['P 2024-01-01 EUR\n', 1, 'invalid P directive'],
    ['P 2024-02-30 EUR $1\n', 1, 'invalid date "2024-02-30" in P directive'],
    ['P 2024-01-01 EUR $1 $2\n', 1, 'invalid price'],
    ['include other.journal\n', 1, 'unsupported directive "include"'],
    ['~ monthly\n', 1, 'unsupported directive "~"'],
    ['= expr\n', 1, 'unsupported directive "="'],
    ['hello world\n', 1, 'cannot parse this line: "hello world"'],
  ])('%j → line %i', (text, line, message) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.file).toBe('test.journal');
    expect(e.message).toBe(`test.journal:${line}: ${message}`.slice(0, `test.journal:${line}: `.length) + e.reason);
    expect(e.reason).toContain(message);
  });

  it('stops at the first error even when later lines are fine', () => {
    const e = errorOf('2024-01-01 ok\n    a  1\n    b\n\n2024-01-02 bad\n    a  1\n    b  1\n\nnonsense\n');
    expect(e.message).toBe('test.journal:5: unbalanced transaction: postings sum to 2');
  });
});

describe('parseJournalStream', () => {
  it('yields the same transactions as parseJournal for every fixture', async () => {
    for (const name of fs.readdirSync(FIXTURES)) {
      const file = path.join(FIXTURES, name);
      const items: JournalItem[] = [];
      for await (const item of parseJournalStream(fs.createReadStream(file), name)) items.push(item);
      const whole = parseJournal(fs.readFileSync(file, 'utf8'), name);
      const txs = items.flatMap((i) => (i.kind === 'transaction' ? [i.transaction] : []));
      expect(txs).toEqual(whole.transactions);
      expect(items.filter((i) => i.kind === 'account').length).toBe(whole.accounts.length);
      expect(items.filter((i) => i.kind === 'commodity').length).toBe(whole.commodities.length);
      expect(items.filter((i) => i.kind === 'price').length).toBe(whole.prices.length);
    }
  });

  it('throws a JournalError with file:line after yielding what came before', async () => {
    const stream = Readable.from(['2024-01-01 ok\n    a  1\n    b\n\n2024-01-0', '2 bad\n    a  1\n    b  1\n']);
    const seen: JournalItem[] = [];
    await expect(async () => {
      for await (const item of parseJournalStream(stream, 's.journal')) seen.push(item);
    }).rejects.toThrow('s.journal:5: unbalanced transaction: postings sum to 2');
    expect(seen).toHaveLength(1);
  });

  it('streams a 100,000-transaction journal from a generator without materialising it', async () => {
    const count = 100_000;
    async function* generate() {
      for (let i = 0; i < count; i++) {
        yield `2024-01-01 t${i}\n    Assets:Bank:A${i % 200}  ${i % 1000}.${String(i % 100).padStart(2, '0')} EUR\n    Income:Sales\n\n`;
      }
    }
    const started = performance.now();
    let n = 0;
    for await (const item of parseJournalStream(Readable.from(generate()), 'big.journal')) if (item.kind === 'transaction') n++;
    expect(n).toBe(count);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('fixtures parse', () => {
  it('every fixture parses and its trial balance sums to zero per commodity at cost-free level where balanced', () => {
    for (const name of fs.readdirSync(FIXTURES)) {
      const j = parseJournal(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), name);
      expect(j.transactions.length, name).toBeGreaterThan(0);
      expect(trialBalance(j.transactions).length, name).toBeGreaterThan(0);
    }
  });
});
