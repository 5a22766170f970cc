import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/actor.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { count, seedCompany, signIn, testApp } from '../testing/http.ts';
import { ensureDemo } from './demo.ts';

describeEachEngine('companies', (use) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(use());
  });

  it('creates a company whose creator becomes its admin, each with its own settings', async () => {
    const { user } = await seedCompany(use());
    const session = await signIn(app, user.email);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: session.headers,
      payload: {
        slug: `usa-${user.id.slice(-6)}`,
        name: 'Trastienda Inc.',
        baseCurrency: 'USD',
        country: 'US',
        fiscalYearStartMonth: 7,
        locale: 'en',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ baseCurrency: 'USD', country: 'US', fiscalYearStartMonth: 7, version: 1 });
    const mine = await app.inject({ method: 'GET', url: '/api/v1/companies', headers: { cookie: session.cookie } });
    expect(mine.json().items.find((c: { id: string }) => c.id === created.json().id)?.roles).toEqual(['admin']);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: session.headers,
      payload: { slug: `usa-${user.id.slice(-6)}`, name: 'Copy', baseCurrency: 'USD', country: 'US' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ path: 'slug', message: 'is taken' }]);
  });

  it('updates the current company with optimistic concurrency and field errors', async () => {
    const db = use();
    const { user, company } = await seedCompany(db);
    const session = await signIn(app, user.email);
    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/v1/companies/current',
      headers: session.headers,
      payload: { baseCurrency: 'euro', version: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('baseCurrency');
    const ok = await app.inject({
      method: 'PATCH',
      url: '/api/v1/companies/current',
      headers: session.headers,
      payload: { name: 'Renamed S.A.', taxId: 'A58818501', version: 1 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Renamed S.A.', taxId: 'A58818501', version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: '/api/v1/companies/current',
      headers: session.headers,
      payload: { name: 'Stale', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const [event] = await db.query<{ before: { name: string }; after: { name: string } }>(
      `SELECT before, after FROM audit_events WHERE company_id = $1 AND action = 'company.updated'`,
      [company.id],
    );
    expect(event).toMatchObject({ before: { name: 'Test Company' }, after: { name: 'Renamed S.A.' } });
  });

  it('creates the demo company and its admin once, however often it runs', async () => {
    const db = use();
    const first = await ensureDemo(db, SYSTEM_ACTOR, { password: 'demo password 123' });
    const second = await ensureDemo(db, SYSTEM_ACTOR, { password: 'demo password 123' });
    expect(first.company.name).toBe('Demo Trastienda S.L.');
    expect(second.companyCreated).toBe(false);
    expect(second.admin).toBeNull();
    expect(await count(db, 'companies', "slug = 'demo'")).toBe(1);
  });
});
