import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.ts';
import { addUser, count, seedCompany, signIn, testApp } from '../testing/http.ts';

describeEachEngine('users and roles', (use) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(use());
  });

  it('creates a user, audits it, and lets them sign in with their roles', async () => {
    const db = use();
    const { user: admin, company } = await seedCompany(db);
    const session = await signIn(app, admin.email);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: session.headers,
      payload: { email: 'Nueva.Persona@Example.com', name: 'Nueva Persona', password: 'una clave bien larga', roles: ['sales', 'sales'] },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ email: 'Nueva.Persona@Example.com', roles: ['sales'], active: true, version: 1 });
    const events = await db.query<{ actor_label: string; after: { email: string } }>(
      `SELECT actor_label, after FROM audit_events WHERE company_id = $1 AND action = 'user.created' AND entity_id = $2`,
      [company.id, created.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_label: admin.email, after: { email: 'Nueva.Persona@Example.com' } });

    const theirs = await signIn(app, 'nueva.persona@example.com', 'una clave bien larga');
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: theirs.cookie } });
    expect(me.json().permissions).toContain('sales:write');
    expect(me.json().permissions).not.toContain('users:write');

    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: session.headers,
      payload: { email: 'nueva.persona@example.com', name: 'Again', password: 'una clave bien larga', roles: ['sales'] },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0].path).toBe('email');
  });

  it('pages through users with a cursor and filters them', async () => {
    const db = use();
    const { user: admin, company } = await seedCompany(db);
    for (let i = 0; i < 5; i++) await addUser(db, company.id, ['employee'], `pager${i}-${company.slug}@example.com`);
    const session = await signIn(app, admin.email);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((u: { email: string }) => u.email));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const filtered = await app.inject({ method: 'GET', url: '/api/v1/users?q=pager3', headers: { cookie: session.cookie } });
    expect(filtered.json().items).toHaveLength(1);
    const badCursor = await app.inject({ method: 'GET', url: '/api/v1/users?cursor=garbage', headers: { cookie: session.cookie } });
    expect(badCursor.statusCode).toBe(400);
  });

  it('answers a stale edit with 409, and of two concurrent edits exactly one wins', async () => {
    const db = use();
    const { user: admin, company } = await seedCompany(db);
    const target = await addUser(db, company.id, ['employee']);
    const session = await signIn(app, admin.email);
    const edits = await Promise.all(
      (['sales', 'purchasing'] as const).map((role) =>
        app.inject({
          method: 'PATCH',
          url: `/api/v1/users/${target.id}`,
          headers: session.headers,
          payload: { roles: [role], version: 1 },
        }),
      ),
    );
    expect(edits.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(edits.find((r) => r.statusCode === 409)?.json().code).toBe('VERSION_CONFLICT');
    expect(await count(db, 'audit_events', "company_id = $1 AND action = 'user.updated'", [company.id])).toBe(1);
  });

  it('deactivates and reactivates, but never the last admin or yourself', async () => {
    const db = use();
    const { user: admin, company } = await seedCompany(db);
    const other = await addUser(db, company.id, ['accountant']);
    const session = await signIn(app, admin.email);
    const self = await app.inject({ method: 'POST', url: `/api/v1/users/${admin.id}/deactivate`, headers: session.headers });
    expect(self.statusCode).toBe(409);
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.id}`,
      headers: session.headers,
      payload: { roles: ['auditor'], version: 1 },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().detail).toMatch(/at least one active admin/);
    const off = await app.inject({ method: 'POST', url: `/api/v1/users/${other.id}/deactivate`, headers: session.headers });
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    await expect(signIn(app, other.email)).rejects.toThrow(/401/);
    const on = await app.inject({ method: 'POST', url: `/api/v1/users/${other.id}/reactivate`, headers: session.headers });
    expect(on.json()).toMatchObject({ active: true, version: 3 });
    await signIn(app, other.email);
  });

  it('hides other companies’ users: their ids answer 404', async () => {
    const db = use();
    const { user: admin } = await seedCompany(db);
    const { user: stranger } = await seedCompany(db);
    const session = await signIn(app, admin.email);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/users/${stranger.id}`, undefined],
      ['PATCH', `/api/v1/users/${stranger.id}`, { roles: ['employee'], version: 1 }],
      ['POST', `/api/v1/users/${stranger.id}/deactivate`, undefined],
    ] as const) {
      const res = await app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = await app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: session.cookie } });
    expect(list.json().items.map((u: { id: string }) => u.id)).not.toContain(stranger.id);
  });
});
