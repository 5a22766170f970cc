import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, notFound, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { validate } from '../../platform/validate.ts';
import {
  type CreatePartyInput,
  checkDraft,
  createPartyInput,
  type PartyDraft,
  type UpdatePartyInput,
  updatePartyInput,
} from './party-input.ts';
import { loadParty, type Party } from './party-model.ts';
import { draftOf, writeParty } from './write-party.ts';

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/** Adds a customer or supplier. Language defaults to Spanish for Spanish parties, currency to the company's. */
export function createParty(ctx: ServiceContext, raw: CreatePartyInput): Promise<Party> {
  const input = validate(createPartyInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const [company] = await tx.query<{ base_currency: string }>('SELECT base_currency FROM companies WHERE id = $1', [ctx.companyId]);
    const home = input.taxCountry ?? input.addresses[0]?.country ?? null;
    const draft = await checkDraft(tx, ctx.companyId, {
      isCustomer: input.isCustomer,
      isSupplier: input.isSupplier,
      legalName: input.legalName,
      tradeName: orNull(input.tradeName),
      taxCountry: orNull(input.taxCountry),
      taxId: orNull(input.taxId) === '' ? null : orNull(input.taxId),
      email: orNull(input.email),
      phone: orNull(input.phone),
      website: orNull(input.website),
      language: input.language ?? (home === 'ES' ? 'es' : 'en'),
      currency: input.currency ?? company?.base_currency ?? 'EUR',
      paymentTermsId: orNull(input.paymentTermsId),
      receivableAccountId: orNull(input.receivableAccountId),
      payableAccountId: orNull(input.payableAccountId),
      incomeAccountId: orNull(input.incomeAccountId),
      expenseAccountId: orNull(input.expenseAccountId),
      iban: orNull(input.iban) === '' ? null : orNull(input.iban),
      bic: orNull(input.bic) === '' ? null : orNull(input.bic),
      notes: orNull(input.notes),
      addresses: input.addresses,
      contacts: input.contacts,
    });
    const id = newId();
    await writeParty(tx, ctx.companyId, id, draft, false);
    const party = (await loadParty(tx, ctx.companyId, id)) as Party;
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'parties.party.created', entityType: 'party', entityId: id, after: party });
    return party;
  });
}

/** Changes the fields given; `addresses` and `contacts` replace the lists. A stale `version` is refused (409). */
export function updateParty(ctx: ServiceContext, id: string, raw: UpdatePartyInput): Promise<Party> {
  const { version, ...changes } = validate(updatePartyInput, raw);
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await loadParty(tx, ctx.companyId, id, true);
    if (!before) throw notFound('Party');
    if (before.version !== version) throw versionConflict('The party');
    if (before.archivedAt) throw new AppError('INVALID_STATE', 'An archived party cannot be changed; restore it first');
    const merged: PartyDraft = { ...draftOf(before) };
    for (const [key, value] of Object.entries(changes) as [keyof PartyDraft, unknown][]) {
      if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value === '' && key !== 'legalName' ? null : value;
    }
    // Clearing one half of the tax identity clears the other.
    if (changes.taxCountry === null && changes.taxId === undefined) merged.taxId = null;
    if ((changes.taxId === null || changes.taxId === '') && changes.taxCountry === undefined) merged.taxCountry = null;
    const draft = await checkDraft(tx, ctx.companyId, merged);
    await writeParty(tx, ctx.companyId, id, draft, true);
    const after = (await loadParty(tx, ctx.companyId, id)) as Party;
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'parties.party.updated', entityType: 'party', entityId: id, before, after });
    return after;
  });
}

/** Archives a party (hidden from lists and pickers, kept for history) or restores it. */
export function setPartyArchived(ctx: ServiceContext, id: string, archived: boolean): Promise<Party> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await loadParty(tx, ctx.companyId, id, true);
    if (!before) throw notFound('Party');
    if ((before.archivedAt !== null) === archived) {
      throw new AppError('INVALID_STATE', archived ? 'The party is already archived' : 'The party is not archived');
    }
    if (!archived && before.mergedIntoId) {
      throw new AppError('INVALID_STATE', 'This party was merged into another one and stays archived');
    }
    await tx.query(
      `UPDATE parties SET archived_at = ${archived ? 'now()' : 'NULL'}, version = version + 1, updated_at = now() WHERE company_id = $1 AND id = $2`,
      [ctx.companyId, id],
    );
    const after = (await loadParty(tx, ctx.companyId, id)) as Party;
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: archived ? 'parties.party.archived' : 'parties.party.restored',
      entityType: 'party',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function getParty(ctx: ServiceContext, id: string): Promise<Party> {
  const party = await ctx.db.tenant(ctx.companyId, (tx) => loadParty(tx, ctx.companyId, id));
  if (!party) throw notFound('Party');
  return party;
}
