import type { Tx } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { AccountType } from './account-model.ts';

/** A reference to an account that another module's document wants to post to, and the types it may be. */
export interface AccountRef {
  /** The field the id came in, for the error. */
  path: string;
  id: string;
  types: readonly AccountType[];
}

const article = (type: string) => (/^[aeiou]/.test(type) ? 'an' : 'a');

/**
 * Checks accounts other modules point at (a customer's receivable, a tax code's output account…): each
 * must be an active account of this company of one of the types given. Returns a field error per problem.
 */
export async function checkAccountRefs(tx: Tx, companyId: string, refs: readonly AccountRef[]): Promise<FieldError[]> {
  if (refs.length === 0) return [];
  const accounts = await tx.query<{ id: string; code: string; type: AccountType; archived: boolean }>(
    'SELECT id, code, type, archived_at IS NOT NULL AS archived FROM accounts WHERE company_id = $1 AND id = ANY ($2::uuid[])',
    [companyId, refs.map((r) => r.id)],
  );
  const errors: FieldError[] = [];
  for (const ref of refs) {
    const account = accounts.find((a) => a.id === ref.id);
    if (!account) errors.push({ path: ref.path, message: 'is not an account of this company' });
    else if (account.archived) errors.push({ path: ref.path, message: `account ${account.code} is archived` });
    else if (!ref.types.includes(account.type)) {
      const types = ref.types.join(', ').replace(/, ([^,]+)$/, ' or $1');
      errors.push({ path: ref.path, message: `account ${account.code} is not ${article(ref.types[0] ?? '')} ${types} account` });
    }
  }
  return errors;
}

/** The active accounts with these codes, by code (a chart may lack some). */
export async function activeAccountsByCode(tx: Tx, companyId: string, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ id: string; code: string }>(
    'SELECT id, code FROM accounts WHERE company_id = $1 AND code = ANY ($2::text[]) AND archived_at IS NULL',
    [companyId, codes],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The company's one active account of a type and subtype, or null when it has none or several. */
export async function onlyAccountOf(tx: Tx, companyId: string, type: AccountType, subtype: string): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    'SELECT id FROM accounts WHERE company_id = $1 AND type = $2 AND subtype = $3 AND archived_at IS NULL LIMIT 2',
    [companyId, type, subtype],
  );
  return rows.length === 1 ? (rows[0]?.id ?? null) : null;
}
