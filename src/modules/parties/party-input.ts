import { isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { country, currency, email, locale, text, version } from '../../platform/http/schemas.ts';
import { type AccountType, checkAccountRefs } from '../ledger/index.ts';
import { ADDRESS_KINDS } from './party-model.ts';
import { findPaymentTerms } from './payment-terms.ts';
import { checkTaxId } from './tax-id.ts';

export const addressInput = z.strictObject({
  kind: z.enum(ADDRESS_KINDS).default('billing'),
  line1: text(200),
  line2: text(200).nullish(),
  city: text(100),
  postalCode: text(20).nullish(),
  region: text(100).nullish(),
  country,
});

export const contactInput = z.strictObject({
  name: text(200),
  role: text(100).nullish(),
  email: email.nullish(),
  phone: text(40).nullish(),
});

const ACCOUNT_FIELDS = {
  receivableAccountId: 'asset',
  payableAccountId: 'liability',
  incomeAccountId: 'income',
  expenseAccountId: 'expense',
} as const;
type AccountField = keyof typeof ACCOUNT_FIELDS;

const fields = {
  isCustomer: z.boolean(),
  isSupplier: z.boolean(),
  legalName: text(200),
  tradeName: text(200).nullish(),
  taxCountry: country.nullish(),
  taxId: z.string().trim().max(40).nullish(),
  email: email.nullish(),
  phone: text(40).nullish(),
  // Only web addresses: the web app shows it as a link.
  website: z
    .url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' })
    .max(300)
    .nullish(),
  language: locale,
  currency,
  paymentTermsId: z.uuid().nullish(),
  receivableAccountId: z.uuid().nullish(),
  payableAccountId: z.uuid().nullish(),
  incomeAccountId: z.uuid().nullish(),
  expenseAccountId: z.uuid().nullish(),
  iban: z.string().trim().max(50).nullish(),
  bic: z.string().trim().max(20).nullish(),
  notes: text(2000).nullish(),
  addresses: z.array(addressInput).max(20),
  contacts: z.array(contactInput).max(50),
};

export const createPartyInput = z.strictObject({
  ...fields,
  isCustomer: fields.isCustomer.default(false),
  isSupplier: fields.isSupplier.default(false),
  language: fields.language.optional(),
  currency: fields.currency.optional(),
  addresses: fields.addresses.default([]),
  contacts: fields.contacts.default([]),
});
export type CreatePartyInput = z.input<typeof createPartyInput>;

export const updatePartyInput = z.strictObject({ version, ...z.strictObject(fields).partial().shape });
export type UpdatePartyInput = z.input<typeof updatePartyInput>;

/** Every stored field of a party, as the service writes it. */
export interface PartyDraft {
  isCustomer: boolean;
  isSupplier: boolean;
  legalName: string;
  tradeName: string | null;
  taxCountry: string | null;
  taxId: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  language: 'en' | 'es';
  currency: string;
  paymentTermsId: string | null;
  receivableAccountId: string | null;
  payableAccountId: string | null;
  incomeAccountId: string | null;
  expenseAccountId: string | null;
  iban: string | null;
  bic: string | null;
  notes: string | null;
  addresses: z.output<typeof addressInput>[];
  contacts: z.output<typeof contactInput>[];
}

/**
 * The rules that span fields or need the database: a role, the tax id for its country, the bank details,
 * the payment terms and the default accounts (active, of the right type). Returns the draft with the tax
 * id, IBAN and BIC in their stored form, or refuses with every problem at once.
 */
export async function checkDraft(tx: Tx, companyId: string, draft: PartyDraft): Promise<PartyDraft> {
  const errors: FieldError[] = [];
  const checked = { ...draft };
  if (!draft.isCustomer && !draft.isSupplier) errors.push({ path: 'isCustomer', message: 'a party is a customer, a supplier or both' });
  if ((draft.taxCountry === null) !== (draft.taxId === null || draft.taxId === '')) {
    errors.push(
      draft.taxCountry === null
        ? { path: 'taxCountry', message: 'is required with a tax id' }
        : { path: 'taxId', message: 'is required with a tax country' },
    );
  } else if (draft.taxCountry !== null && draft.taxId !== null) {
    const result = checkTaxId(draft.taxCountry, draft.taxId);
    if (result.ok) checked.taxId = result.taxId;
    else errors.push({ path: 'taxId', message: result.message });
  }
  if (draft.iban !== null) {
    const iban = draft.iban.toUpperCase().replace(/\s/g, '');
    if (isValidIBAN(iban)) checked.iban = iban;
    else errors.push({ path: 'iban', message: 'is not a valid IBAN (check its country format and check digits)' });
  }
  if (draft.bic !== null) {
    const bic = draft.bic.toUpperCase().replace(/\s/g, '');
    if (isValidBIC(bic)) checked.bic = bic;
    else errors.push({ path: 'bic', message: 'is not a valid BIC' });
  }
  if (draft.paymentTermsId !== null) {
    if (!(await findPaymentTerms(tx, companyId, draft.paymentTermsId)))
      errors.push({ path: 'paymentTermsId', message: 'is not a payment term of this company' });
  }
  errors.push(
    ...(await checkAccountRefs(
      tx,
      companyId,
      (Object.entries(ACCOUNT_FIELDS) as [AccountField, AccountType][]).flatMap(([path, type]) => {
        const id = draft[path];
        return id === null ? [] : [{ path, id, types: [type] }];
      }),
    )),
  );
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields are not valid', errors);
  return checked;
}
