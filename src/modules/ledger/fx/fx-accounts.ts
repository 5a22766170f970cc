import type { Tx } from '../../../platform/db/database.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';

export interface FxAccount {
  id: string;
  code: string;
  name: string;
}

interface Candidate extends FxAccount {
  type: string;
  subtype: string;
}

export type FxSide = 'gain' | 'loss';

/**
 * Finds the exchange-difference account of one side by subtype: `fx_gain` (income) or `fx_loss` (expense)
 * first; else an `fx` account of that type (charts seeded before the split, e.g. PGC 768 / 668); else the
 * chart's one `fx` account, whatever its type — a single "exchange differences" account carrying the net
 * result, as the generic chart has. Returns undefined when none or several fit, so the caller asks for one.
 */
function pick(candidates: readonly Candidate[], side: FxSide): FxAccount | undefined {
  const type = side === 'gain' ? 'income' : 'expense';
  const tiers = [
    candidates.filter((c) => c.subtype === `fx_${side}`),
    candidates.filter((c) => c.subtype === 'fx' && c.type === type),
    candidates.filter((c) => c.subtype === 'fx'),
  ];
  for (const tier of tiers) {
    if (tier.length === 1) return tier[0];
    if (tier.length > 1) return undefined;
  }
  return undefined;
}

/**
 * The gain and loss accounts FX work posts to: the ones named (checked: income or expense, not archived),
 * else found by subtype. Only the sides `needed` must exist; a missing one is a field error naming the
 * body field that can supply it.
 */
export async function resolveFxAccounts(
  tx: Tx,
  companyId: string,
  named: { gainAccountId?: string | undefined; lossAccountId?: string | undefined },
  needed: { gain: boolean; loss: boolean },
): Promise<{ gain?: FxAccount; loss?: FxAccount }> {
  const rows = await tx.query<Candidate & { archived: boolean }>(
    `SELECT id, code, name, type, coalesce(subtype, '') AS subtype, archived_at IS NOT NULL AS archived FROM accounts
      WHERE company_id = $1 AND (id = ANY ($2::uuid[]) OR (subtype IN ('fx', 'fx_gain', 'fx_loss') AND archived_at IS NULL))
      ORDER BY code COLLATE "C"`,
    [companyId, [named.gainAccountId, named.lossAccountId].filter((x): x is string => x !== undefined)],
  );
  const errors: FieldError[] = [];
  const result: { gain?: FxAccount; loss?: FxAccount } = {};
  for (const side of ['gain', 'loss'] as const) {
    const field = `${side}AccountId`;
    const id = side === 'gain' ? named.gainAccountId : named.lossAccountId;
    let account: FxAccount | undefined;
    if (id !== undefined) {
      const row = rows.find((r) => r.id === id);
      if (!row) errors.push({ path: field, message: 'is not an account of this company' });
      else if (row.archived) errors.push({ path: field, message: `account ${row.code} is archived` });
      else if (row.type !== 'income' && row.type !== 'expense')
        errors.push({ path: field, message: 'must be an income or expense account' });
      else account = { id: row.id, code: row.code, name: row.name };
    } else {
      const found = pick(
        rows.filter((r) => !r.archived),
        side,
      );
      if (found) account = { id: found.id, code: found.code, name: found.name };
      else if (needed[side]) {
        errors.push({
          path: field,
          message: `no single exchange ${side} account was found (an account with subtype fx_${side}); name one`,
        });
      }
    }
    if (account) result[side] = account;
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The exchange difference accounts are not usable', errors);
  return result;
}
