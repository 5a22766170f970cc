import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Items, Page } from '../../app/types.ts';

// Shapes of /api/v1/parties as the parties pages use them (see docs/parties.md and src/modules/parties).

export type PartyRole = 'customer' | 'supplier';
export type ArchivedFilter = 'exclude' | 'include' | 'only';
export const PARTY_LANGUAGES = ['en', 'es'] as const;
export type PartyLanguage = (typeof PARTY_LANGUAGES)[number];
export const ADDRESS_KINDS = ['billing', 'shipping'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export interface PartyAddress {
  kind: AddressKind;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode?: string | null;
  region?: string | null;
  country: string;
}

export interface PartyContact {
  name: string;
  role?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** The fields a person can write (create and patch). */
export interface PartyFields {
  isCustomer: boolean;
  isSupplier: boolean;
  legalName: string;
  tradeName: string | null;
  taxCountry: string | null;
  taxId: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  language: PartyLanguage;
  currency: string;
  paymentTermsId: string | null;
  receivableAccountId: string | null;
  payableAccountId: string | null;
  incomeAccountId: string | null;
  expenseAccountId: string | null;
  iban: string | null;
  bic: string | null;
  notes: string | null;
  addresses: PartyAddress[];
  contacts: PartyContact[];
}

export interface Party extends PartyFields {
  id: string;
  vatNumber: string | null;
  archivedAt: string | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A new party: what is left out takes the API's default (language by tax country, the base currency…). */
export type NewParty = Partial<PartyFields> & Pick<PartyFields, 'isCustomer' | 'isSupplier' | 'legalName'>;
/** A change: the version read plus the fields that change (`addresses` and `contacts` replace the lists). */
export type PartyPatch = Partial<PartyFields> & { version: number };

export interface Installment {
  percent: string;
  days: number;
}

export interface PaymentTerms {
  id: string;
  name: string;
  installments: Installment[];
}

export interface NewPaymentTerms {
  name: string;
  installments: Installment[];
}

export interface PartiesFilter {
  q: string;
  role: PartyRole | null;
  archived: ArchivedFilter;
}

const PAGE_SIZE = 50;

export const partiesKey = ['parties'] as const;

export const partiesQuery = (filter: PartiesFilter) =>
  infiniteQueryOptions({
    queryKey: ['parties', 'list', filter],
    queryFn: ({ pageParam }) =>
      api.get<Page<Party>>('/parties', {
        q: filter.q.trim() || undefined,
        role: filter.role ?? undefined,
        archived: filter.archived,
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const partyQuery = (id: string) =>
  queryOptions({ queryKey: ['parties', 'party', id], queryFn: () => api.get<Party>(`/parties/${id}`) });

export const duplicatesQuery = (id: string) =>
  queryOptions({
    queryKey: ['parties', 'duplicates', id],
    queryFn: () => api.get<Items<Party>>(`/parties/${id}/duplicates`),
  });

export const paymentTermsQuery = queryOptions({
  queryKey: ['parties', 'payment-terms'],
  queryFn: () => api.get<Items<PaymentTerms>>('/parties/payment-terms'),
  staleTime: 60_000,
});

export const createParty = (input: NewParty) => api.create<Party>('/parties', input);
export const updateParty = (id: string, patch: PartyPatch) => api.patch<Party>(`/parties/${id}`, patch);
export const archiveParty = (party: Pick<Party, 'id'>) => api.post<Party>(`/parties/${party.id}/archive`);
export const restoreParty = (party: Pick<Party, 'id'>) => api.post<Party>(`/parties/${party.id}/restore`);
/** Merges `duplicateId` into `party` (the one that stays); `version` is the kept party's. */
export const mergeParties = (party: Pick<Party, 'id' | 'version'>, duplicateId: string) =>
  api.post<Party>(`/parties/${party.id}/merge`, { duplicateId, version: party.version });
export const createPaymentTerms = (input: NewPaymentTerms) => api.create<PaymentTerms>('/parties/payment-terms', input);

/** The name a party is shown by: the trade name when it has one, else the legal name. */
export function partyDisplayName(party: Pick<Party, 'legalName' | 'tradeName'>): string {
  return party.tradeName || party.legalName;
}

/** "ES B12345674": the tax id with its country, or null when the party has none. */
export function partyTaxLabel(party: Pick<Party, 'taxCountry' | 'taxId'>): string | null {
  if (!party.taxId) return null;
  return party.taxCountry ? `${party.taxCountry} ${party.taxId}` : party.taxId;
}
