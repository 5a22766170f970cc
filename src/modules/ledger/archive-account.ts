import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Account, type AccountRow, findAccount, toAccount } from './account-model.ts';

/** Archives an account: it stays in history and reports but takes no new postings. Accounts are never deleted. */
export function archiveAccount(ctx: ServiceContext, id: string): Promise<Account> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await findAccount(tx, ctx.companyId, id);
    if (!before) throw notFound('Account');
    if (before.archived_at) throw new AppError('INVALID_STATE', `Account ${before.code} is already archived`);
    await tx.query('UPDATE accounts SET archived_at = now(), version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2', [
      ctx.companyId,
      id,
    ]);
    const after = toAccount((await findAccount(tx, ctx.companyId, id)) as AccountRow);
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'ledger.account.archived',
      entityType: 'ledger_account',
      entityId: id,
      before: toAccount(before),
      after,
    });
    return after;
  });
}
