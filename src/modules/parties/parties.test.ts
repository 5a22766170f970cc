import type { FastifyInstance } from 'fastify';
import { isValidIBAN } from 'ibantools';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/actor.ts';
import { ensureDemo } from '../../platform/companies/demo.ts';
import type { Database } from '../../platform/db/database.ts';
import { describeEachEngine } from '../../platform/testing/engines.ts';
import { addUser, count, type Session, seedCompany, signIn, testApp } from '../../platform/testing/http.ts';
import { registerModules } from '../index.ts';
import { checkTaxId } from './tax-id.ts';

const valid = {
  isCustomer: true,
  legalName: 'Distribuciones Peña, S.L.',
  tradeName: 'Peña',
  taxCountry: 'ES',
  taxId: 'b-1234567-4',
  email: 'compras@pena.example',
  iban: 'ES91 2100 0418 4502 0005 1332',
  bic: 'caixesbbxxx',
  addresses: [{ line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' }],
  contacts: [{ name: 'Lucía Gómez', role: 'Compras', email: 'lucia@pena.example' }],
};

describeEachEngine('customers and suppliers API', (use) => {
  let app: FastifyInstance;
  let db: Database;
  let admin: Session;
  let other: Session;
  let companyId: string;

  beforeAll(async () => {
    registerModules();
    db = use();
    app = await testApp(db);
    const first = await seedCompany(db);
    companyId = first.company.id;
    admin = await signIn(app, first.user.email);
    other = await signIn(app, (await seedCompany(db)).user.email);
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    app.inject({ method, url, headers: s.headers, payload: payload as object });
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const footprint = async () => ({
    parties: await count(db, 'parties', 'company_id = $1', [companyId]),
    audit: await count(db, 'audit_events', 'company_id = $1', [companyId]),
  });

  it('creates a party with its tax id, IBAN and BIC in stored form, and reads it back', async () => {
    const res = await send(admin, 'POST', '/api/v1/parties', valid);
    expect(res.statusCode).toBe(201);
    const party = res.json();
    expect(party).toMatchObject({
      isCustomer: true,
      isSupplier: false,
      taxId: 'B12345674',
      vatNumber: 'ESB12345674',
      iban: 'ES9121000418450200051332',
      bic: 'CAIXESBBXXX',
      language: 'es',
      currency: 'EUR',
      addresses: [
        { kind: 'billing', line1: 'Calle Mayor 1', line2: null, city: 'Madrid', postalCode: '28013', region: null, country: 'ES' },
      ],
      contacts: [{ name: 'Lucía Gómez', role: 'Compras', email: 'lucia@pena.example', phone: null }],
      version: 1,
    });
    expect((await get(admin, `/api/v1/parties/${party.id}`)).json()).toEqual(party);
    expect((await get(other, `/api/v1/parties/${party.id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with a field error per problem, writing nothing', async () => {
    const before = await footprint();
    const refusal = async (payload: unknown) => {
      const res = await send(admin, 'POST', '/api/v1/parties', payload);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      return res.json().errors.map((e: { path: string }) => e.path);
    };
    expect(await refusal({ ...valid, taxId: 'B12345678' })).toEqual(['taxId']);
    expect(await refusal({ ...valid, taxCountry: 'DE', taxId: '136695977' })).toEqual(['taxId']);
    expect(await refusal({ ...valid, taxCountry: undefined })).toEqual(['taxCountry']);
    expect(await refusal({ ...valid, iban: 'ES9121000418450200051333', bic: 'NOTABIC' })).toEqual(['iban', 'bic']);
    expect(await refusal({ ...valid, isCustomer: false })).toEqual(['isCustomer']);
    expect(await refusal({ ...valid, email: 'not an email' })).toEqual(['email']);
    expect(await refusal({ ...valid, website: 'javascript:alert(1)' })).toEqual(['website']);
    expect(await refusal({ ...valid, addresses: [{ line1: 'x', city: 'y', country: 'Spain' }] })).toEqual(['addresses.0.country']);
    expect(await refusal({ ...valid, paymentTermsId: '0190a0b0-0000-7000-8000-000000000000' })).toEqual(['paymentTermsId']);
    const accounts = (await get(admin, '/api/v1/ledger/accounts?limit=200')).json().items as { id: string; type: string }[];
    const income = accounts.find((a) => a.type === 'income')?.id;
    expect(await refusal({ ...valid, receivableAccountId: income })).toEqual(['receivableAccountId']);
    expect(await refusal({ ...valid, unknownField: 1 })).toHaveLength(1);
    expect(await footprint()).toEqual(before);
  });

  it('finds parties by name without accents, by tax id as typed, and by role, a page at a time', async () => {
    const supplier = await send(admin, 'POST', '/api/v1/parties', {
      isSupplier: true,
      legalName: 'Müller Maschinenbau GmbH',
      taxCountry: 'DE',
      taxId: 'DE136695976',
    });
    expect(supplier.json()).toMatchObject({ language: 'en', vatNumber: 'DE136695976' });
    const names = async (query: string) =>
      (await get(admin, `/api/v1/parties?${query}`)).json().items.map((p: { legalName: string }) => p.legalName);
    expect(await names('q=pena')).toEqual(['Distribuciones Peña, S.L.']);
    expect(await names('q=muller')).toEqual(['Müller Maschinenbau GmbH']);
    expect(await names('q=B-1234567')).toEqual(['Distribuciones Peña, S.L.']);
    expect(await names('role=supplier')).toEqual(['Müller Maschinenbau GmbH']);
    expect(await names('q=100%25')).toEqual([]);
    const first = (await get(admin, '/api/v1/parties?limit=1')).json();
    expect(first.items).toHaveLength(1);
    const second = (await get(admin, `/api/v1/parties?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].legalName).not.toBe(first.items[0].legalName);
    expect((await get(other, '/api/v1/parties')).json().items).toEqual([]);
  });

  it('changes a party at its version, refuses a stale one, archives and restores it', async () => {
    const created = (await send(admin, 'POST', '/api/v1/parties', { isCustomer: true, legalName: 'Old Name Ltd' })).json();
    const changed = await send(admin, 'PATCH', `/api/v1/parties/${created.id}`, {
      version: 1,
      legalName: 'New Name Ltd',
      isSupplier: true,
      contacts: [{ name: 'Ann' }],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      legalName: 'New Name Ltd',
      isCustomer: true,
      isSupplier: true,
      contacts: [{ name: 'Ann' }],
      version: 2,
    });
    expect((await send(admin, 'PATCH', `/api/v1/parties/${created.id}`, { version: 1, notes: 'late' })).statusCode).toBe(409);
    const bad = await send(admin, 'PATCH', `/api/v1/parties/${created.id}`, { version: 2, taxCountry: 'ES', taxId: '12345678A' });
    expect(bad.statusCode).toBe(400);
    const archived = await send(admin, 'POST', `/api/v1/parties/${created.id}/archive`, {});
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await get(admin, '/api/v1/parties?q=new%20name')).json().items).toEqual([]);
    expect((await get(admin, '/api/v1/parties?q=new%20name&archived=only')).json().items).toHaveLength(1);
    expect((await send(admin, 'PATCH', `/api/v1/parties/${created.id}`, { version: 3, notes: 'x' })).statusCode).toBe(409);
    const restored = await send(admin, 'POST', `/api/v1/parties/${created.id}/restore`, {});
    expect(restored.json()).toMatchObject({ archivedAt: null, version: 4 });
    const actions = await db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE company_id = $1 AND entity_id = $2 ORDER BY seq`,
      [companyId, created.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'parties.party.created',
      'parties.party.updated',
      'parties.party.archived',
      'parties.party.restored',
    ]);
  });

  it('finds a duplicate by name or tax id and merges it into the party', async () => {
    const target = (
      await send(admin, 'POST', '/api/v1/parties', { isCustomer: true, legalName: 'Acme Trading S.L.', email: 'hello@acme.example' })
    ).json();
    const duplicate = (
      await send(admin, 'POST', '/api/v1/parties', {
        isSupplier: true,
        legalName: 'ACME TRADING, SL',
        taxCountry: 'ES',
        taxId: 'A58818501',
        addresses: [{ line1: 'Gran Vía 2', city: 'Madrid', country: 'ES' }],
      })
    ).json();
    const found = (await get(admin, `/api/v1/parties/${target.id}/duplicates`)).json().items.map((p: { id: string }) => p.id);
    expect(found).toEqual([duplicate.id]);
    expect((await send(admin, 'POST', `/api/v1/parties/${target.id}/merge`, { duplicateId: target.id, version: 1 })).statusCode).toBe(400);
    expect((await send(admin, 'POST', `/api/v1/parties/${target.id}/merge`, { duplicateId: duplicate.id, version: 9 })).statusCode).toBe(
      409,
    );
    const merged = await send(admin, 'POST', `/api/v1/parties/${target.id}/merge`, { duplicateId: duplicate.id, version: 1 });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      legalName: 'Acme Trading S.L.',
      isCustomer: true,
      isSupplier: true,
      email: 'hello@acme.example',
      taxId: 'A58818501',
      addresses: [{ line1: 'Gran Vía 2' }],
    });
    expect((await get(admin, `/api/v1/parties/${duplicate.id}`)).json()).toMatchObject({ mergedIntoId: target.id });
    expect((await get(admin, `/api/v1/parties/${target.id}/duplicates`)).json().items).toEqual([]);
    expect((await send(admin, 'POST', `/api/v1/parties/${duplicate.id}/restore`, {})).statusCode).toBe(409);
  });

  it('gives every company the standard payment terms and takes new ones that add up to 100 %', async () => {
    const terms = (await get(admin, '/api/v1/parties/payment-terms')).json().items;
    expect(terms.map((t: { name: string }) => t.name)).toEqual(['Immediate', '30 days', '60 days', '50% now, 50% in 60 days']);
    expect(terms[3].installments).toEqual([
      { percent: '50.00', days: 0 },
      { percent: '50.00', days: 60 },
    ]);
    const bad = await send(admin, 'POST', '/api/v1/parties/payment-terms', {
      name: 'Thirds',
      installments: [
        { percent: '33.33', days: 30 },
        { percent: '33.33', days: 60 },
        { percent: '33.33', days: 90 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('installments');
    const thirds = await send(admin, 'POST', '/api/v1/parties/payment-terms', {
      name: 'Thirds',
      installments: [
        { percent: '33.33', days: 30 },
        { percent: '33.33', days: 60 },
        { percent: '33.34', days: 90 },
      ],
    });
    expect(thirds.statusCode).toBe(201);
    const party = await send(admin, 'POST', '/api/v1/parties', {
      isCustomer: true,
      legalName: 'Terms Co',
      paymentTermsId: thirds.json().id,
    });
    expect(party.json().paymentTermsId).toBe(thirds.json().id);
    expect(
      (await send(admin, 'POST', '/api/v1/parties/payment-terms', { name: 'Thirds', installments: [{ percent: '100', days: 0 }] }))
        .statusCode,
    ).toBe(409);
  });

  it('gives the demo company its sample customers and suppliers once, each passing the checks a user faces', async () => {
    const { company } = await ensureDemo(db, SYSTEM_ACTOR);
    await ensureDemo(db, SYSTEM_ACTOR);
    const rows = await db.query<{ customers: number; suppliers: number; ibans: number; accounts: number }>(
      `SELECT count(*) FILTER (WHERE is_customer)::int AS customers, count(*) FILTER (WHERE is_supplier)::int AS suppliers,
              count(iban)::int AS ibans, count(receivable_account_id)::int AS accounts
         FROM parties WHERE company_id = $1`,
      [company.id],
    );
    expect(rows[0]).toMatchObject({ customers: 20, suppliers: 11 });
    expect(rows[0]?.ibans).toBeGreaterThan(5);
    expect(rows[0]?.accounts).toBe(20);
    // Every sample is valid as a user would have to type it: re-saving each changes nothing but its version.
    const stored = await db.query<{ tax_country: string; tax_id: string; iban: string | null }>(
      'SELECT tax_country, tax_id, iban FROM parties WHERE company_id = $1',
      [company.id],
    );
    for (const p of stored) {
      expect(checkTaxId(p.tax_country, p.tax_id), `${p.tax_country} ${p.tax_id}`).toMatchObject({ ok: true, taxId: p.tax_id });
      if (p.iban) expect(isValidIBAN(p.iban), p.iban).toBe(true);
    }
  });

  it('lets only roles that deal with customers and suppliers change them', async () => {
    const employee = await addUser(db, companyId, ['employee']);
    const clerk = await signIn(app, employee.email);
    expect((await get(clerk, '/api/v1/parties')).statusCode).toBe(403);
    const buyer = await signIn(app, (await addUser(db, companyId, ['purchasing'])).email);
    expect((await send(buyer, 'POST', '/api/v1/parties', { isSupplier: true, legalName: 'Paper Supplies SA' })).statusCode).toBe(201);
    const auditor = await signIn(app, (await addUser(db, companyId, ['auditor'])).email);
    expect((await get(auditor, '/api/v1/parties')).statusCode).toBe(200);
    expect((await send(auditor, 'POST', '/api/v1/parties', { isSupplier: true, legalName: 'Nope' })).statusCode).toBe(403);
  });
});
