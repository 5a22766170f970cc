import type { Tx } from '../../platform/db/database.ts';
import type { PartyDraft } from './party-input.ts';
import { nameKey, type Party, searchTextOf } from './party-model.ts';

/** A stored party as a draft: the starting point of an update or a merge. */
export function draftOf(party: Party): PartyDraft {
  return {
    isCustomer: party.isCustomer,
    isSupplier: party.isSupplier,
    legalName: party.legalName,
    tradeName: party.tradeName,
    taxCountry: party.taxCountry,
    taxId: party.taxId,
    email: party.email,
    phone: party.phone,
    website: party.website,
    language: party.language,
    currency: party.currency,
    paymentTermsId: party.paymentTermsId,
    receivableAccountId: party.receivableAccountId,
    payableAccountId: party.payableAccountId,
    incomeAccountId: party.incomeAccountId,
    expenseAccountId: party.expenseAccountId,
    iban: party.iban,
    bic: party.bic,
    notes: party.notes,
    addresses: party.addresses,
    contacts: party.contacts,
  };
}

/** Inserts a party, or rewrites an existing one (bumping its version); addresses and contacts are replaced. */
export async function writeParty(tx: Tx, companyId: string, id: string, draft: PartyDraft, existing: boolean): Promise<void> {
  const values = [
    companyId,
    id,
    draft.isCustomer,
    draft.isSupplier,
    draft.legalName,
    draft.tradeName,
    draft.taxCountry,
    draft.taxId,
    draft.email,
    draft.phone,
    draft.website,
    draft.language,
    draft.currency,
    draft.paymentTermsId,
    draft.receivableAccountId,
    draft.payableAccountId,
    draft.incomeAccountId,
    draft.expenseAccountId,
    draft.iban,
    draft.bic,
    draft.notes,
    searchTextOf(draft),
    nameKey(draft.legalName),
  ];
  if (existing) {
    await tx.query(
      `UPDATE parties SET is_customer = $3, is_supplier = $4, legal_name = $5, trade_name = $6, tax_country = $7, tax_id = $8, email = $9,
              phone = $10, website = $11, language = $12, currency = $13, payment_terms_id = $14, receivable_account_id = $15,
              payable_account_id = $16, income_account_id = $17, expense_account_id = $18, iban = $19, bic = $20, notes = $21,
              search_text = $22, name_key = $23, version = version + 1, updated_at = now()
        WHERE company_id = $1 AND id = $2`,
      values,
    );
    await tx.query('DELETE FROM party_addresses WHERE company_id = $1 AND party_id = $2', [companyId, id]);
    await tx.query('DELETE FROM party_contacts WHERE company_id = $1 AND party_id = $2', [companyId, id]);
  } else {
    await tx.query(
      `INSERT INTO parties (company_id, id, is_customer, is_supplier, legal_name, trade_name, tax_country, tax_id, email, phone, website,
                            language, currency, payment_terms_id, receivable_account_id, payable_account_id, income_account_id,
                            expense_account_id, iban, bic, notes, search_text, name_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
      values,
    );
  }
  if (draft.addresses.length > 0) {
    await tx.query(
      `INSERT INTO party_addresses (company_id, party_id, position, kind, line1, line2, city, postal_code, region, country)
       SELECT $1, $2, u.* FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS u (position, kind, line1, line2, city, postal_code, region, country)`,
      [
        companyId,
        id,
        draft.addresses.map((_, i) => i),
        draft.addresses.map((a) => a.kind),
        draft.addresses.map((a) => a.line1),
        draft.addresses.map((a) => a.line2 ?? null),
        draft.addresses.map((a) => a.city),
        draft.addresses.map((a) => a.postalCode ?? null),
        draft.addresses.map((a) => a.region ?? null),
        draft.addresses.map((a) => a.country),
      ],
    );
  }
  if (draft.contacts.length > 0) {
    await tx.query(
      `INSERT INTO party_contacts (company_id, party_id, position, name, role, email, phone)
       SELECT $1, $2, u.* FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u (position, name, role, email, phone)`,
      [
        companyId,
        id,
        draft.contacts.map((_, i) => i),
        draft.contacts.map((c) => c.name),
        draft.contacts.map((c) => c.role ?? null),
        draft.contacts.map((c) => c.email ?? null),
        draft.contacts.map((c) => c.phone ?? null),
      ],
    );
  }
}
