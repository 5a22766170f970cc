import { describe, expect, it } from 'vitest';
import type { Party } from './parties-api.ts';
import { blankAddress, blankContact, draftOf, emptyDraft, missingFields, newPartyBody, partyPatchBody } from './party-form.ts';

const party: Party = {
  id: 'p1',
  isCustomer: true,
  isSupplier: false,
  legalName: 'Acme Trading S.L.',
  tradeName: 'Acme',
  taxCountry: 'ES',
  taxId: 'B12345674',
  vatNumber: 'ESB12345674',
  email: 'hello@acme.test',
  phone: null,
  website: null,
  language: 'es',
  currency: 'EUR',
  paymentTermsId: null,
  receivableAccountId: null,
  payableAccountId: null,
  incomeAccountId: null,
  expenseAccountId: null,
  iban: null,
  bic: null,
  notes: null,
  addresses: [{ kind: 'billing', line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' }],
  contacts: [],
  archivedAt: null,
  mergedIntoId: null,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('newPartyBody', () => {
  it('sends what has a value, trimmed, and leaves the rest to the API defaults', () => {
    const draft = { ...emptyDraft('EUR'), legalName: '  Foo S.A. ', taxCountry: 'ES', taxId: ' B12345674 ', email: '' };
    expect(newPartyBody(draft)).toEqual({
      isCustomer: true,
      isSupplier: false,
      legalName: 'Foo S.A.',
      taxCountry: 'ES',
      taxId: 'B12345674',
      currency: 'EUR',
    });
  });

  it('sends addresses and contacts without their empty optional fields', () => {
    const address = { ...blankAddress('shipping', 'FR'), line1: '1 rue X', city: 'Paris' };
    const contact = { ...blankContact(), name: 'Ana', email: 'ana@x.test' };
    const body = newPartyBody({ ...emptyDraft('EUR'), legalName: 'X', addresses: [address], contacts: [contact] });
    expect(body.addresses).toEqual([{ kind: 'shipping', line1: '1 rue X', city: 'Paris', country: 'FR' }]);
    expect(body.contacts).toEqual([{ name: 'Ana', email: 'ana@x.test' }]);
  });
});

describe('partyPatchBody', () => {
  it('sends only the version when nothing changed', () => {
    expect(partyPatchBody(party, draftOf(party))).toEqual({ version: 3 });
  });

  it('sends changed fields, a cleared field as null, and the tax country with the tax id', () => {
    const draft = { ...draftOf(party), tradeName: '', taxId: 'B-1234567-4', phone: '600 000 000' };
    expect(partyPatchBody(party, draft)).toEqual({
      version: 3,
      tradeName: null,
      taxCountry: 'ES',
      taxId: 'B-1234567-4',
      phone: '600 000 000',
    });
  });

  it('replaces the whole address list when one address changes', () => {
    const draft = draftOf(party);
    draft.addresses = [{ ...(draft.addresses[0] ?? blankAddress()), city: 'Sevilla' }];
    expect(partyPatchBody(party, draft)).toEqual({
      version: 3,
      addresses: [{ kind: 'billing', line1: 'Gran Vía 1', city: 'Sevilla', postalCode: '28013', country: 'ES' }],
    });
  });
});

describe('missingFields', () => {
  it('asks for a role, the legal name and the required parts of each address and contact', () => {
    const draft = { ...emptyDraft('EUR'), isCustomer: false, addresses: [blankAddress()], contacts: [blankContact()] };
    expect(Object.keys(missingFields(draft)).sort()).toEqual(
      ['addresses.0.city', 'addresses.0.country', 'addresses.0.line1', 'contacts.0.name', 'legalName', 'roles'].sort(),
    );
  });

  it('is empty for a complete draft', () => {
    expect(missingFields({ ...emptyDraft('EUR'), legalName: 'X' })).toEqual({});
  });
});
