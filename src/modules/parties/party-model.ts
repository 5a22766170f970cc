import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { foldText } from '../../platform/search-text.ts';
import { vatNumberOf } from './tax-id.ts';

export const ADDRESS_KINDS = ['billing', 'shipping'] as const;

export const addressSchema = z.object({
  kind: z.enum(ADDRESS_KINDS),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  postalCode: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string(),
});
export type Address = z.infer<typeof addressSchema>;

export const contactSchema = z.object({
  name: z.string(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const partySchema = z.object({
  id: z.uuid(),
  isCustomer: z.boolean(),
  isSupplier: z.boolean(),
  legalName: z.string(),
  tradeName: z.string().nullable(),
  taxCountry: z.string().nullable(),
  taxId: z.string().nullable(),
  /** Prefix + id, for EU countries (what goes on an intra-EU invoice); null elsewhere. */
  vatNumber: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  language: z.enum(['en', 'es']),
  currency: z.string(),
  paymentTermsId: z.uuid().nullable(),
  receivableAccountId: z.uuid().nullable(),
  payableAccountId: z.uuid().nullable(),
  incomeAccountId: z.uuid().nullable(),
  expenseAccountId: z.uuid().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  notes: z.string().nullable(),
  addresses: z.array(addressSchema),
  contacts: z.array(contactSchema),
  archivedAt: z.date().nullable(),
  mergedIntoId: z.uuid().nullable(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Party = z.infer<typeof partySchema>;

export interface PartyRow {
  id: string;
  is_customer: boolean;
  is_supplier: boolean;
  legal_name: string;
  trade_name: string | null;
  tax_country: string | null;
  tax_id: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  language: 'en' | 'es';
  currency: string;
  payment_terms_id: string | null;
  receivable_account_id: string | null;
  payable_account_id: string | null;
  income_account_id: string | null;
  expense_account_id: string | null;
  iban: string | null;
  bic: string | null;
  notes: string | null;
  archived_at: Date | null;
  merged_into_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const SELECT_PARTY = `SELECT id, is_customer, is_supplier, legal_name, trade_name, tax_country, tax_id, email, phone, website, language,
       currency, payment_terms_id, receivable_account_id, payable_account_id, income_account_id, expense_account_id, iban, bic, notes,
       archived_at, merged_into_id, version, created_at, updated_at
  FROM parties`;

interface AddressRow {
  party_id: string;
  kind: Address['kind'];
  line1: string;
  line2: string | null;
  city: string;
  postal_code: string | null;
  region: string | null;
  country: string;
}

interface ContactRow {
  party_id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

/** Attaches addresses and contacts (one query each for all the parties) and turns rows into the API's shape. */
export async function withDetails(tx: Tx, companyId: string, rows: PartyRow[]): Promise<Party[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const addresses = await tx.query<AddressRow>(
    `SELECT party_id, kind, line1, line2, city, postal_code, region, country FROM party_addresses
      WHERE company_id = $1 AND party_id = ANY ($2::uuid[]) ORDER BY party_id, position`,
    [companyId, ids],
  );
  const contacts = await tx.query<ContactRow>(
    `SELECT party_id, name, role, email, phone FROM party_contacts WHERE company_id = $1 AND party_id = ANY ($2::uuid[]) ORDER BY party_id, position`,
    [companyId, ids],
  );
  return rows.map((r) => ({
    id: r.id,
    isCustomer: r.is_customer,
    isSupplier: r.is_supplier,
    legalName: r.legal_name,
    tradeName: r.trade_name,
    taxCountry: r.tax_country,
    taxId: r.tax_id,
    vatNumber: vatNumberOf(r.tax_country, r.tax_id),
    email: r.email,
    phone: r.phone,
    website: r.website,
    language: r.language,
    currency: r.currency,
    paymentTermsId: r.payment_terms_id,
    receivableAccountId: r.receivable_account_id,
    payableAccountId: r.payable_account_id,
    incomeAccountId: r.income_account_id,
    expenseAccountId: r.expense_account_id,
    iban: r.iban,
    bic: r.bic,
    notes: r.notes,
    addresses: addresses
      .filter((a) => a.party_id === r.id)
      .map((a) => ({
        kind: a.kind,
        line1: a.line1,
        line2: a.line2,
        city: a.city,
        postalCode: a.postal_code,
        region: a.region,
        country: a.country,
      })),
    contacts: contacts.filter((c) => c.party_id === r.id).map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone })),
    archivedAt: r.archived_at,
    mergedIntoId: r.merged_into_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function loadParty(tx: Tx, companyId: string, id: string, lock = false): Promise<Party | undefined> {
  const rows = await tx.query<PartyRow>(`${SELECT_PARTY} WHERE company_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [companyId, id]);
  const [party] = await withDetails(tx, companyId, rows);
  return party;
}

const LEGAL_FORMS = new Set([
  'sl',
  'slu',
  'sa',
  'sau',
  'sll',
  'slp',
  'scoop',
  'sc',
  'cb',
  'ltd',
  'limited',
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'sarl',
  'sas',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'lda',
  'sro',
  'spzoo',
]);

/** The legal name without case, accents, punctuation and legal form: equal keys suggest the same party. */
export function nameKey(legalName: string): string {
  const words = foldText(legalName)
    .replace(/[.,]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  while (words.length > 1 && LEGAL_FORMS.has(words.at(-1) as string)) words.pop();
  return words.join(' ');
}

export function searchTextOf(p: { legalName: string; tradeName: string | null; taxId: string | null; email: string | null }): string {
  return foldText([p.legalName, p.tradeName, p.taxId, p.email].filter((s) => s !== null).join(' '));
}
