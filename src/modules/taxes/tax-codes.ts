import { z } from 'zod';
import type { Actor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { PgCode, pgErrorCode, type Tx } from '../../platform/db/database.ts';
import { AppError, type FieldError, notFound, versionConflict } from '../../platform/errors.ts';
import { text, version } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { validate } from '../../platform/validate.ts';
import { checkAccountRefs } from '../ledger/index.ts';
import { findTaxCode, queryTaxCodes, TAX_CATEGORIES, TAX_KINDS, TAX_SCOPES, type TaxCode } from './tax-code-model.ts';

const accountRef = z.uuid().nullish();
const details = {
  name: text(100),
  nameEs: text(100).nullish(),
  scope: z.enum(TAX_SCOPES),
  category: z.enum(TAX_CATEGORIES).nullish(),
  exemptionCode: z
    .string()
    .regex(/^[A-Z0-9-]{1,30}$/, 'must be a code like VATEX-EU-IC')
    .nullish(),
  exemptionReason: text(300).nullish(),
  salesAccountId: accountRef,
  purchasesAccountId: accountRef,
  reverseChargeAccountId: accountRef,
};

export const createTaxCodeInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, 'must be 1–20 letters, digits, ".", "_" or "-"'),
  kind: z.enum(TAX_KINDS),
  rate: z.string().regex(/^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/, 'must be a percentage from 0 to 100 with at most 4 decimals'),
  priceIncluded: z.boolean().default(false),
  compound: z.boolean().default(false),
  reverseCharge: z.boolean().default(false),
  ...details,
  scope: details.scope.default('both'),
});
export type CreateTaxCodeInput = z.input<typeof createTaxCodeInput>;

/** What may change on a code: its rate, kind and how it computes never do (documents were issued with them). */
export const updateTaxCodeInput = z.strictObject({ version, ...z.strictObject(details).partial().shape });
export type UpdateTaxCodeInput = z.input<typeof updateTaxCodeInput>;

type Definition = z.output<typeof createTaxCodeInput>;

/** The rules that span fields and the accounts (active, and on the side of the balance sheet they belong to). */
async function checkDefinition(tx: Tx, companyId: string, d: Definition): Promise<void> {
  const errors: FieldError[] = [];
  const category = d.category ?? null;
  if (d.kind === 'withholding' && category !== null) errors.push({ path: 'category', message: 'a withholding has no VAT category' });
  if (d.kind !== 'withholding' && category === null)
    errors.push({ path: 'category', message: 'is required for VAT and surcharges (S, Z, E, AE, K, G, O, L or M)' });
  if (d.priceIncluded && (d.compound || d.reverseCharge || d.kind === 'withholding')) {
    errors.push({ path: 'priceIncluded', message: 'only a plain VAT or surcharge can be included in the price' });
  }
  if (d.compound && d.kind === 'withholding') errors.push({ path: 'compound', message: 'a withholding cannot be compound' });
  if (d.reverseCharge && d.kind !== 'vat') errors.push({ path: 'reverseCharge', message: 'only VAT is reverse-charged' });
  if (d.reverseCharge && d.scope === 'sales')
    errors.push({ path: 'scope', message: 'a reverse charge is self-assessed by the buyer: use it on purchases' });
  if (d.reverseCharge && !d.reverseChargeAccountId)
    errors.push({ path: 'reverseChargeAccountId', message: 'is required for a reverse charge' });
  if (['E', 'Z', 'K', 'G', 'O', 'AE'].includes(category ?? '') && !d.exemptionReason && !d.exemptionCode) {
    errors.push({ path: 'exemptionReason', message: `is required for category ${category} (why the document carries no tax)` });
  }
  if (['E', 'Z', 'K', 'G', 'O'].includes(category ?? '') && Number(d.rate) !== 0) {
    errors.push({ path: 'rate', message: `must be 0 for category ${category}` });
  }
  // Tax goes to the balance sheet (owed or recoverable), or to an expense when it is part of the cost.
  const refs = (['salesAccountId', 'purchasesAccountId', 'reverseChargeAccountId'] as const).flatMap((path) => {
    const id = d[path];
    return id ? [{ path, id, types: ['asset', 'liability', 'expense'] as const }] : [];
  });
  errors.push(...(await checkAccountRefs(tx, companyId, refs)));
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields are not valid', errors);
}

export async function insertTaxCode(tx: Tx, companyId: string, actor: Actor, d: Definition): Promise<TaxCode> {
  await checkDefinition(tx, companyId, d);
  const id = newId();
  try {
    await tx.query(
      `INSERT INTO tax_codes (company_id, id, code, name, name_es, kind, category, rate, scope, price_included, compound, reverse_charge,
                              exemption_code, exemption_reason, sales_account_id, purchases_account_id, reverse_charge_account_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        companyId,
        id,
        d.code,
        d.name,
        d.nameEs ?? null,
        d.kind,
        d.category ?? null,
        d.rate,
        d.scope,
        d.priceIncluded,
        d.compound,
        d.reverseCharge,
        d.exemptionCode ?? null,
        d.exemptionReason ?? null,
        d.salesAccountId ?? null,
        d.purchasesAccountId ?? null,
        d.reverseChargeAccountId ?? null,
      ],
    );
  } catch (err) {
    if (pgErrorCode(err) === PgCode.uniqueViolation) {
      throw new AppError('ALREADY_EXISTS', `A tax code ${d.code} already exists`, [{ path: 'code', message: 'is already used' }]);
    }
    throw err;
  }
  const created = (await findTaxCode(tx, companyId, id)) as TaxCode;
  await appendAudit(tx, companyId, actor, { action: 'taxes.code.created', entityType: 'tax_code', entityId: id, after: created });
  return created;
}

export function createTaxCode(ctx: ServiceContext, raw: CreateTaxCodeInput): Promise<TaxCode> {
  const input = validate(createTaxCodeInput, raw);
  return ctx.db.tenant(ctx.companyId, (tx) => insertTaxCode(tx, ctx.companyId, ctx.actor, input));
}

export function updateTaxCode(ctx: ServiceContext, id: string, raw: UpdateTaxCodeInput): Promise<TaxCode> {
  const { version: expected, ...changes } = validate(updateTaxCodeInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await findTaxCode(tx, ctx.companyId, id, true);
    if (!before) throw notFound('Tax code');
    if (before.version !== expected) throw versionConflict('The tax code');
    const next: Definition = {
      code: before.code,
      kind: before.kind,
      rate: before.rate,
      priceIncluded: before.priceIncluded,
      compound: before.compound,
      reverseCharge: before.reverseCharge,
      name: changes.name ?? before.name,
      nameEs: changes.nameEs === undefined ? before.nameEs : changes.nameEs,
      scope: changes.scope ?? before.scope,
      category: changes.category === undefined ? before.category : changes.category,
      exemptionCode: changes.exemptionCode === undefined ? before.exemptionCode : changes.exemptionCode,
      exemptionReason: changes.exemptionReason === undefined ? before.exemptionReason : changes.exemptionReason,
      salesAccountId: changes.salesAccountId === undefined ? before.salesAccountId : changes.salesAccountId,
      purchasesAccountId: changes.purchasesAccountId === undefined ? before.purchasesAccountId : changes.purchasesAccountId,
      reverseChargeAccountId: changes.reverseChargeAccountId === undefined ? before.reverseChargeAccountId : changes.reverseChargeAccountId,
    };
    await checkDefinition(tx, ctx.companyId, next);
    await tx.query(
      `UPDATE tax_codes SET name = $3, name_es = $4, scope = $5, category = $6, exemption_code = $7, exemption_reason = $8, sales_account_id = $9,
              purchases_account_id = $10, reverse_charge_account_id = $11, version = version + 1, updated_at = now()
        WHERE company_id = $1 AND id = $2`,
      [
        ctx.companyId,
        id,
        next.name,
        next.nameEs ?? null,
        next.scope,
        next.category ?? null,
        next.exemptionCode ?? null,
        next.exemptionReason ?? null,
        next.salesAccountId ?? null,
        next.purchasesAccountId ?? null,
        next.reverseChargeAccountId ?? null,
      ],
    );
    const after = (await findTaxCode(tx, ctx.companyId, id)) as TaxCode;
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'taxes.code.updated', entityType: 'tax_code', entityId: id, before, after });
    return after;
  });
}

/** Archives a code (no new documents use it; issued ones keep it) or brings it back. */
export function setTaxCodeArchived(ctx: ServiceContext, id: string, archived: boolean): Promise<TaxCode> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await findTaxCode(tx, ctx.companyId, id, true);
    if (!before) throw notFound('Tax code');
    if ((before.archivedAt !== null) === archived) {
      throw new AppError(
        'INVALID_STATE',
        archived ? `Tax code ${before.code} is already archived` : `Tax code ${before.code} is not archived`,
      );
    }
    await tx.query(
      `UPDATE tax_codes SET archived_at = ${archived ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2`,
      [ctx.companyId, id],
    );
    const after = (await findTaxCode(tx, ctx.companyId, id)) as TaxCode;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: archived ? 'taxes.code.archived' : 'taxes.code.restored',
      entityType: 'tax_code',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export const listTaxCodesQuery = z.strictObject({
  archived: z.enum(['include', 'exclude', 'only']).default('exclude'),
  scope: z.enum(['sales', 'purchases']).optional(),
});

/** The company's tax codes: VAT first, then surcharges and withholdings; highest rate first. */
export async function listTaxCodes(ctx: ServiceContext, query: z.output<typeof listTaxCodesQuery>): Promise<{ items: TaxCode[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.archived === 'exclude') where.push('archived_at IS NULL');
  if (query.archived === 'only') where.push('archived_at IS NOT NULL');
  if (query.scope) {
    params.push(query.scope);
    where.push(`scope IN ('both', $${params.length + 1})`);
  }
  const items = await ctx.db.tenant(ctx.companyId, (tx) => queryTaxCodes(tx, ctx.companyId, where.join(' AND ') || 'true', params));
  return { items };
}
