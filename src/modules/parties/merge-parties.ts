import { z } from 'zod';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound, versionConflict } from '../../platform/errors.ts';
import { version } from '../../platform/http/schemas.ts';
import { validate } from '../../platform/validate.ts';
import { runPartyMergeHooks } from './merge-hooks.ts';
import { checkDraft } from './party-input.ts';
import { loadParty, type Party, type PartyRow, SELECT_PARTY, withDetails } from './party-model.ts';
import { draftOf, writeParty } from './write-party.ts';

/**
 * Other active parties that look like this one: the same tax country and id, or the same legal name once
 * case, accents, punctuation and legal form are ignored ("ACME Trading, S.L." and "Acme trading SL").
 */
export async function findDuplicates(ctx: ServiceContext, id: string): Promise<{ items: Party[] }> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const [self] = await tx.query<{ name_key: string; tax_country: string | null; tax_id: string | null }>(
      'SELECT name_key, tax_country, tax_id FROM parties WHERE company_id = $1 AND id = $2',
      [ctx.companyId, id],
    );
    if (!self) throw notFound('Party');
    const rows = await tx.query<PartyRow>(
      `${SELECT_PARTY} WHERE company_id = $1 AND id <> $2 AND archived_at IS NULL
          AND (name_key = $3 OR (tax_id IS NOT NULL AND tax_country = $4 AND tax_id = $5))
        ORDER BY legal_name, id LIMIT 50`,
      [ctx.companyId, id, self.name_key, self.tax_country, self.tax_id],
    );
    return { items: await withDetails(tx, ctx.companyId, rows) };
  });
}

export const mergePartiesInput = z.strictObject({
  /** The party that goes away into this one. */
  duplicateId: z.uuid(),
  /** This party's version, as the caller saw it. */
  version,
});
export type MergePartiesInput = z.input<typeof mergePartiesInput>;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges a duplicate into a party: the roles combine, the party's empty fields take the duplicate's
 * values, the duplicate's addresses and contacts are added (those not already there), and the duplicate is
 * archived, pointing at the party it went into. Other modules move what they hold of the duplicate (see
 * merge-hooks.ts). Both changes are audited.
 */
export function mergeParties(ctx: ServiceContext, id: string, raw: MergePartiesInput): Promise<Party> {
  const input = validate(mergePartiesInput, raw);
  if (input.duplicateId === id) {
    throw new AppError('VALIDATION_FAILED', 'A party cannot be merged into itself', [{ path: 'duplicateId', message: 'is this party' }]);
  }
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    // Lock both in id order, so two merges of the same pair can't deadlock.
    const [first, second] = [id, input.duplicateId].sort();
    const locked = [await loadParty(tx, ctx.companyId, first as string, true), await loadParty(tx, ctx.companyId, second as string, true)];
    const target = locked.find((p) => p?.id === id);
    const duplicate = locked.find((p) => p?.id === input.duplicateId);
    if (!target) throw notFound('Party');
    if (!duplicate) {
      throw new AppError('VALIDATION_FAILED', 'There is no such party to merge', [
        { path: 'duplicateId', message: 'is not a party of this company' },
      ]);
    }
    if (target.version !== input.version) throw versionConflict('The party');
    if (target.archivedAt) throw new AppError('INVALID_STATE', 'Restore the party before merging into it');
    if (duplicate.archivedAt) throw new AppError('INVALID_STATE', `${duplicate.legalName} is archived; only an active party can be merged`);

    const merged = draftOf(target);
    const from = draftOf(duplicate);
    merged.isCustomer ||= from.isCustomer;
    merged.isSupplier ||= from.isSupplier;
    const fillable = [
      'tradeName',
      'email',
      'phone',
      'website',
      'paymentTermsId',
      'receivableAccountId',
      'payableAccountId',
      'incomeAccountId',
      'expenseAccountId',
      'notes',
    ] as const;
    for (const field of fillable) merged[field] ??= from[field];
    if (merged.taxId === null && from.taxId !== null) {
      merged.taxCountry = from.taxCountry;
      merged.taxId = from.taxId;
    }
    if (merged.iban === null && from.iban !== null) {
      merged.iban = from.iban;
      merged.bic = from.bic;
    }
    merged.addresses = [...merged.addresses, ...from.addresses.filter((a) => !merged.addresses.some((b) => sameJson(a, b)))].slice(0, 20);
    merged.contacts = [...merged.contacts, ...from.contacts.filter((c) => !merged.contacts.some((d) => sameJson(c, d)))].slice(0, 50);
    await writeParty(tx, ctx.companyId, id, await checkDraft(tx, ctx.companyId, merged), true);
    await tx.query(
      `UPDATE parties SET archived_at = now(), merged_into_id = $3, version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2`,
      [ctx.companyId, duplicate.id, id],
    );
    await runPartyMergeHooks(tx, ctx.companyId, ctx.actor, { duplicateId: duplicate.id, intoId: id });
    const after = (await loadParty(tx, ctx.companyId, id)) as Party;
    const gone = (await loadParty(tx, ctx.companyId, duplicate.id)) as Party;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'parties.party.merged',
      entityType: 'party',
      entityId: id,
      before: { party: target, duplicate },
      after,
    });
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'parties.party.archived',
      entityType: 'party',
      entityId: duplicate.id,
      before: duplicate,
      after: gone,
    });
    return after;
  });
}
