// The party form's state and how it becomes the API's body: empty text is "no value", a new party leaves
// out what it does not set (the API fills the defaults), a change sends only the fields that changed.
import type { AddressKind, NewParty, Party, PartyAddress, PartyContact, PartyFields, PartyLanguage, PartyPatch } from './parties-api.ts';

export interface AddressDraft {
  key: number;
  kind: AddressKind;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  region: string;
  country: string | null;
}

export interface ContactDraft {
  key: number;
  name: string;
  role: string;
  email: string;
  phone: string;
}

export interface PartyDraft {
  isCustomer: boolean;
  isSupplier: boolean;
  legalName: string;
  tradeName: string;
  taxCountry: string | null;
  taxId: string;
  email: string;
  phone: string;
  website: string;
  /** null: the API's default (Spanish for Spanish parties, else English). */
  language: PartyLanguage | null;
  currency: string;
  paymentTermsId: string | null;
  receivableAccountId: string | null;
  payableAccountId: string | null;
  incomeAccountId: string | null;
  expenseAccountId: string | null;
  iban: string;
  bic: string;
  notes: string;
  addresses: AddressDraft[];
  contacts: ContactDraft[];
}

/** The text fields of the draft that are sent trimmed, or null when empty. */
const OPTIONAL_TEXT = ['tradeName', 'taxId', 'email', 'phone', 'website', 'iban', 'bic', 'notes'] as const;
/** The pickers of the draft (null when nothing is chosen). */
const OPTIONAL_PICKS = [
  'taxCountry',
  'paymentTermsId',
  'receivableAccountId',
  'payableAccountId',
  'incomeAccountId',
  'expenseAccountId',
] as const;

let nextKey = 1;

export function blankAddress(kind: AddressKind = 'billing', country: string | null = null): AddressDraft {
  return { key: nextKey++, kind, line1: '', line2: '', city: '', postalCode: '', region: '', country };
}

export function blankContact(): ContactDraft {
  return { key: nextKey++, name: '', role: '', email: '', phone: '' };
}

export function emptyDraft(baseCurrency: string): PartyDraft {
  return {
    isCustomer: true,
    isSupplier: false,
    legalName: '',
    tradeName: '',
    taxCountry: null,
    taxId: '',
    email: '',
    phone: '',
    website: '',
    language: null,
    currency: baseCurrency,
    paymentTermsId: null,
    receivableAccountId: null,
    payableAccountId: null,
    incomeAccountId: null,
    expenseAccountId: null,
    iban: '',
    bic: '',
    notes: '',
    addresses: [],
    contacts: [],
  };
}

export function draftOf(party: Party): PartyDraft {
  return {
    isCustomer: party.isCustomer,
    isSupplier: party.isSupplier,
    legalName: party.legalName,
    tradeName: party.tradeName ?? '',
    taxCountry: party.taxCountry,
    taxId: party.taxId ?? '',
    email: party.email ?? '',
    phone: party.phone ?? '',
    website: party.website ?? '',
    language: party.language,
    currency: party.currency,
    paymentTermsId: party.paymentTermsId,
    receivableAccountId: party.receivableAccountId,
    payableAccountId: party.payableAccountId,
    incomeAccountId: party.incomeAccountId,
    expenseAccountId: party.expenseAccountId,
    iban: party.iban ?? '',
    bic: party.bic ?? '',
    notes: party.notes ?? '',
    addresses: (party.addresses ?? []).map((a) => ({
      key: nextKey++,
      kind: a.kind,
      line1: a.line1,
      line2: a.line2 ?? '',
      city: a.city,
      postalCode: a.postalCode ?? '',
      region: a.region ?? '',
      country: a.country,
    })),
    contacts: (party.contacts ?? []).map((c) => ({
      key: nextKey++,
      name: c.name,
      role: c.role ?? '',
      email: c.email ?? '',
      phone: c.phone ?? '',
    })),
  };
}

const text = (value: string): string | null => value.trim() || null;

function addressOf(draft: AddressDraft): PartyAddress {
  const out: PartyAddress = { kind: draft.kind, line1: draft.line1.trim(), city: draft.city.trim(), country: draft.country ?? '' };
  if (text(draft.line2)) out.line2 = draft.line2.trim();
  if (text(draft.postalCode)) out.postalCode = draft.postalCode.trim();
  if (text(draft.region)) out.region = draft.region.trim();
  return out;
}

function contactOf(draft: ContactDraft): PartyContact {
  const out: PartyContact = { name: draft.name.trim() };
  if (text(draft.role)) out.role = draft.role.trim();
  if (text(draft.email)) out.email = draft.email.trim();
  if (text(draft.phone)) out.phone = draft.phone.trim();
  return out;
}

/** The draft as API fields; `language` is left out while it is the default. */
function fieldsOf(draft: PartyDraft): Partial<PartyFields> {
  const out: Partial<PartyFields> = {
    isCustomer: draft.isCustomer,
    isSupplier: draft.isSupplier,
    legalName: draft.legalName.trim(),
    currency: draft.currency.trim().toUpperCase(),
    addresses: draft.addresses.map(addressOf),
    contacts: draft.contacts.map(contactOf),
  };
  for (const field of OPTIONAL_TEXT) out[field] = text(draft[field]);
  for (const field of OPTIONAL_PICKS) out[field] = draft[field];
  if (draft.language) out.language = draft.language;
  return out;
}

/** The body of POST /parties: only what has a value. */
export function newPartyBody(draft: PartyDraft): NewParty {
  const fields = fieldsOf(draft);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    body[key] = value;
  }
  return body as NewParty;
}

/** The body of PATCH /parties/:id: the version and the fields that differ from `party` (a cleared field is null). */
export function partyPatchBody(party: Party, draft: PartyDraft): PartyPatch {
  const before = fieldsOf(draftOf(party));
  const after = fieldsOf(draft);
  const patch: Record<string, unknown> = { version: party.version };
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key as keyof PartyFields])) patch[key] = value;
  }
  // The tax country and id are given together.
  if ('taxCountry' in patch || 'taxId' in patch) {
    patch.taxCountry = after.taxCountry;
    patch.taxId = after.taxId;
  }
  return patch as PartyPatch;
}

/** Required fields missing in the draft, as field name → translation key (the API checks everything else). */
export function missingFields(draft: PartyDraft): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!draft.isCustomer && !draft.isSupplier) missing.roles = 'parties.form.errors.role';
  if (!draft.legalName.trim()) missing.legalName = 'parties.form.errors.required';
  if (text(draft.taxId) && !draft.taxCountry) missing.taxCountry = 'parties.form.errors.taxCountry';
  draft.addresses.forEach((address, i) => {
    if (!address.line1.trim()) missing[`addresses.${i}.line1`] = 'parties.form.errors.required';
    if (!address.city.trim()) missing[`addresses.${i}.city`] = 'parties.form.errors.required';
    if (!address.country) missing[`addresses.${i}.country`] = 'parties.form.errors.required';
  });
  draft.contacts.forEach((contact, i) => {
    if (!contact.name.trim()) missing[`contacts.${i}.name`] = 'parties.form.errors.required';
  });
  return missing;
}
