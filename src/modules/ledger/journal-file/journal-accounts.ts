import type { Tx } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/ids.ts';
import type { AccountType } from '../account-model.ts';
import { accountTypeResolver, untypedAccountError } from '../plain-text/account-type.ts';
import { JournalError } from '../plain-text/parse-journal.ts';
import type { JournalSurvey } from './check-journal.ts';

interface NewAccount {
  id: string;
  code: string;
  type: AccountType;
  subtype: string | null;
  parentCode: string | null;
}

const ancestorsOf = (account: string): string[] => {
  const parts = account.split(':');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join(':'));
};

/**
 * Finds or creates every account a journal names; the account's code is its full name (`Assets:Bank:Checking`).
 * An existing account keeps its type (a chart account such as PGC's `572` needs no type in the journal) but
 * may not be archived if posted to, nor contradict a type the journal states. New accounts get the type the
 * journal gives them, and missing ancestors of the same type (`Assets`, `Assets:Bank`) are created as their
 * parents, so the imported chart is a tree.
 */
export async function ensureJournalAccounts(
  tx: Tx,
  companyId: string,
  fileName: string,
  survey: Pick<JournalSurvey, 'accounts' | 'posted' | 'declarations'>,
): Promise<{ ids: Map<string, string>; created: string[] }> {
  const named = [...survey.accounts.keys()];
  const candidates = [...new Set([...named, ...named.flatMap(ancestorsOf)])];
  const existing = new Map<string, { id: string; type: AccountType; archived: boolean }>();
  for (const row of await tx.query<{ id: string; code: string; type: AccountType; archived: boolean }>(
    'SELECT id, code, type, archived_at IS NOT NULL AS archived FROM accounts WHERE company_id = $1 AND code = ANY ($2::text[])',
    [companyId, candidates],
  )) {
    existing.set(row.code, row);
  }
  const typeOf = accountTypeResolver(fileName, survey.declarations);
  const ownTag = new Map(survey.declarations.filter((d) => d.typeTag !== undefined).map((d) => [d.account, d.typeTag as string]));
  const toCreate = new Map<string, NewAccount>();
  const typeOfKnown = (code: string) => existing.get(code)?.type ?? toCreate.get(code)?.type;

  for (const [code, line] of survey.accounts) {
    const found = existing.get(code);
    const stated = typeOf(code);
    if (found) {
      if (found.archived && survey.posted.has(code)) throw new JournalError(fileName, line, `account "${code}" is archived`);
      if (stated && stated !== found.type) {
        throw new JournalError(fileName, line, `account "${code}" exists as ${found.type}; the journal makes it ${stated}`);
      }
      continue;
    }
    if (!stated) throw untypedAccountError(fileName, line, code);
    const tag = ownTag.get(code)?.trim().toLowerCase();
    toCreate.set(code, { id: newId(), code, type: stated, subtype: tag === 'c' || tag === 'cash' ? 'cash' : null, parentCode: null });
    for (const ancestor of ancestorsOf(code)) {
      if (!existing.has(ancestor) && !toCreate.has(ancestor) && typeOf(ancestor) === stated) {
        toCreate.set(ancestor, { id: newId(), code: ancestor, type: stated, subtype: null, parentCode: null });
      }
    }
  }
  for (const account of toCreate.values()) {
    account.parentCode =
      ancestorsOf(account.code)
        .reverse()
        .find((a) => typeOfKnown(a) === account.type) ?? null;
  }
  const ordered = [...toCreate.values()].sort((a, b) => a.code.split(':').length - b.code.split(':').length);
  const idOf = (code: string) => existing.get(code)?.id ?? toCreate.get(code)?.id ?? null;
  if (ordered.length > 0) {
    await tx.query(
      `INSERT INTO accounts (company_id, id, code, name, type, subtype, parent_id)
       SELECT $1, u.* FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[]) AS u (id, code, name, type, subtype, parent_id)`,
      [
        companyId,
        ordered.map((a) => a.id),
        ordered.map((a) => a.code),
        ordered.map((a) => (a.code.split(':').at(-1) ?? a.code).trim() || a.code),
        ordered.map((a) => a.type),
        ordered.map((a) => a.subtype),
        ordered.map((a) => (a.parentCode ? idOf(a.parentCode) : null)),
      ],
    );
  }
  const ids = new Map<string, string>();
  for (const code of named) ids.set(code, idOf(code) as string);
  return { ids, created: ordered.map((a) => a.code) };
}
