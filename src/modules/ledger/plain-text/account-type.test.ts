import { describe, expect, it } from 'vitest';
import { accountTypeFromName, accountTypeFromTag, accountTypes } from './account-type.ts';
import { JournalError, parseJournal } from './parse-journal.ts';

describe('account types', () => {
  it.each([
    ['Assets:Bank:Checking', 'asset'],
    ['activo:caja', 'asset'],
    ['Liabilities:Card', 'liability'],
    ['PASIVO', 'liability'],
    ['Equity:Opening', 'equity'],
    ['Patrimonio:Capital', 'equity'],
    ['Income:Salary', 'income'],
    ['Revenue', 'income'],
    ['Ingresos:Ventas', 'income'],
    ['Expenses:Food', 'expense'],
    ['gastos:oficina', 'expense'],
    ['Bank:Assets', null],
  ])('%s → %s', (name, type) => {
    expect(accountTypeFromName(name)).toBe(type);
  });

  it('maps hledger type tags', () => {
    expect(['A', 'asset', 'C', 'Cash', 'L', 'Liability', 'E', 'equity', 'R', 'Revenue', 'X', 'Expense'].map(accountTypeFromTag)).toEqual([
      'asset',
      'asset',
      'asset',
      'asset',
      'liability',
      'liability',
      'equity',
      'equity',
      'income',
      'income',
      'expense',
      'expense',
    ]);
    expect(accountTypeFromTag('V')).toBeNull();
  });

  it('types a journal: declared tags win and are inherited by subaccounts', () => {
    const j = parseJournal(
      'account Caja  ; type: C\naccount Assets:Odd  ; type: L\n\n2024-01-01 x\n    Caja:Chica  $1\n    Assets:Odd:Sub  $-1\n    Expenses:X  $0\n',
      'j.journal',
    );
    expect(Object.fromEntries(accountTypes(j))).toEqual({
      Caja: 'asset',
      'Assets:Odd': 'liability',
      'Caja:Chica': 'asset',
      'Assets:Odd:Sub': 'liability',
      'Expenses:X': 'expense',
    });
  });

  it('names the line of an untyped account', () => {
    const j = parseJournal('2024-01-01 x\n    Assets:Bank  $1\n    Misc:Other  $-1\n', 'j.journal');
    expect(() => accountTypes(j)).toThrow(JournalError);
    expect(() => accountTypes(j)).toThrow('j.journal:3: cannot tell the type of account "Misc:Other"');
  });

  it('names the line of an unknown type tag', () => {
    const j = parseJournal('\naccount Misc  ; type: Q\n', 'j.journal');
    expect(() => accountTypes(j)).toThrow('j.journal:2: unknown account type "Q"');
  });
});
