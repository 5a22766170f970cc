import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { PgCode, pgErrorCode } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { text } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { ACCOUNT_COLUMNS, ACCOUNT_TYPES, type Account, type AccountRow, findAccount, toAccount } from './account-model.ts';
import { validate } from './validate.ts';

export const accountCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,39}$/, 'must be 1–40 letters, digits, ".", "_", ":" or "-"');

export const createAccountInput = z.strictObject({
  code: accountCode,
  name: text(200),
  nameEs: text(200).optional(),
  type: z.enum(ACCOUNT_TYPES),
  subtype: z
    .string()
    .regex(/^[a-z][a-z_]{0,39}$/, 'must be lowercase words joined by "_", like fixed_asset')
    .optional(),
  parentId: z.uuid().optional(),
});
export type CreateAccountInput = z.input<typeof createAccountInput>;

const duplicate = (code: string) =>
  new AppError('ALREADY_EXISTS', `An account with code ${code} already exists`, [{ path: 'code', message: 'is already used' }]);

/** Adds an account to the chart; a parent must be an active account of the same type. */
export async function createAccount(ctx: ServiceContext, raw: CreateAccountInput): Promise<Account> {
  const input = validate(createAccountInput, raw);
  try {
    return await ctx.db.tenant(ctx.companyId, async (tx) => {
      const [existing] = await tx.query('SELECT 1 FROM accounts WHERE company_id = $1 AND code = $2', [ctx.companyId, input.code]);
      if (existing) throw duplicate(input.code);
      if (input.parentId) {
        const parent = await findAccount(tx, ctx.companyId, input.parentId);
        if (!parent)
          throw new AppError('VALIDATION_FAILED', 'The parent account does not exist', [{ path: 'parentId', message: 'not found' }]);
        if (parent.type !== input.type) {
          throw new AppError('VALIDATION_FAILED', `The parent account is of type ${parent.type}`, [
            { path: 'parentId', message: `must be an account of type ${input.type}` },
          ]);
        }
        if (parent.archived_at)
          throw new AppError('VALIDATION_FAILED', 'The parent account is archived', [{ path: 'parentId', message: 'is archived' }]);
      }
      const id = newId();
      const [row] = await tx.query<AccountRow>(
        `INSERT INTO accounts (company_id, id, code, name, name_es, type, subtype, parent_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING ${ACCOUNT_COLUMNS}`,
        [ctx.companyId, id, input.code, input.name, input.nameEs ?? null, input.type, input.subtype ?? null, input.parentId ?? null],
      );
      const account = toAccount(row as AccountRow);
      await appendAudit(tx, ctx.companyId, ctx.actor, {
        action: 'ledger.account.created',
        entityType: 'ledger_account',
        entityId: id,
        after: account,
      });
      return account;
    });
  } catch (err) {
    if (pgErrorCode(err) === PgCode.uniqueViolation) throw duplicate(input.code);
    throw err;
  }
}
