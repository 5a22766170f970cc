import { type AccountDeclaration, type Journal, JournalError } from './parse-journal.ts';

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

const BY_TOP_LEVEL_NAME: Record<string, AccountType> = {
  assets: 'asset',
  activo: 'asset',
  liabilities: 'liability',
  pasivo: 'liability',
  equity: 'equity',
  patrimonio: 'equity',
  income: 'income',
  revenue: 'income',
  revenues: 'income',
  ingresos: 'income',
  expenses: 'expense',
  gastos: 'expense',
};

/**
 * hledger's account type tag values (`account Caja  ; type: A`), one letter or the full word, any case.
 * `C`/`Cash` is an asset; hledger's `V`/`Conversion` is not accepted (our ledger has no such type).
 */
const BY_TYPE_TAG: Record<string, AccountType> = {
  a: 'asset',
  asset: 'asset',
  c: 'asset',
  cash: 'asset',
  l: 'liability',
  liability: 'liability',
  e: 'equity',
  equity: 'equity',
  r: 'income',
  revenue: 'income',
  x: 'expense',
  expense: 'expense',
};

/** The type implied by an account's top-level name (`Assets:Bank` → asset), or null. Case-insensitive. */
export function accountTypeFromName(account: string): AccountType | null {
  const top = (account.split(':')[0] ?? '').trim().toLowerCase();
  return BY_TOP_LEVEL_NAME[top] ?? null;
}

/** The type named by a `type:` tag value, or null if hledger's tag value is not one we map. */
export function accountTypeFromTag(tag: string): AccountType | null {
  return BY_TYPE_TAG[tag.trim().toLowerCase()] ?? null;
}

/**
 * How a journal types an account: an `account` directive's `type:` tag wins and, as in hledger, is inherited
 * by subaccounts (the nearest declared ancestor counts); otherwise the top-level name decides; null if
 * neither does. An unknown `type:` value is a JournalError naming its directive's line.
 */
export function accountTypeResolver(
  fileName: string,
  declarations: readonly AccountDeclaration[],
): (account: string) => AccountType | null {
  const declared = new Map<string, AccountType>();
  for (const decl of declarations) {
    if (decl.typeTag === undefined) continue;
    const type = accountTypeFromTag(decl.typeTag);
    if (!type) throw new JournalError(fileName, decl.line, `unknown account type "${decl.typeTag}" (use A, L, E, R, X or C)`);
    declared.set(decl.account, type);
  }
  return (account) => {
    const parts = account.split(':');
    for (let i = parts.length; i > 0; i--) {
      const type = declared.get(parts.slice(0, i).join(':'));
      if (type) return type;
    }
    return accountTypeFromName(account);
  };
}

/** The error for an account whose type the journal does not tell. */
export function untypedAccountError(fileName: string, line: number, account: string): JournalError {
  return new JournalError(
    fileName,
    line,
    `cannot tell the type of account "${account}": name it under Assets, Liabilities, Equity, Income or Expenses (or Activo, Pasivo, Patrimonio, Ingresos, Gastos), or declare it with "account ${account}  ; type: A|L|E|R|X"`,
  );
}

/**
 * Types every account a journal declares or posts to (see {@link accountTypeResolver}). An account with
 * neither a type tag nor a known top-level name is a JournalError naming the line where it first appears.
 */
export function accountTypes(journal: Pick<Journal, 'fileName' | 'accounts' | 'transactions'>): Map<string, AccountType> {
  const typeOf = accountTypeResolver(journal.fileName, journal.accounts);
  const result = new Map<string, AccountType>();
  const resolve = (account: string, line: number) => {
    if (result.has(account)) return;
    const type = typeOf(account);
    if (!type) throw untypedAccountError(journal.fileName, line, account);
    result.set(account, type);
  };
  for (const decl of journal.accounts) resolve(decl.account, decl.line);
  for (const tx of journal.transactions) for (const p of tx.postings) resolve(p.account, p.line);
  return result;
}
