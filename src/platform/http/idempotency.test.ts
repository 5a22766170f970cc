import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.ts';
import { count, seedCompany, signIn, testApp } from '../testing/http.ts';

describeEachEngine('idempotency keys', (use) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(use());
  });

  it('replays the first response for a retry and refuses the key with another body', async () => {
    const db = use();
    const { user } = await seedCompany(db);
    const session = await signIn(app, user.email);
    const headers = { ...session.headers, 'idempotency-key': `key-${user.id}` };
    const body = { email: `idem-${user.id}@example.com`, name: 'Once', password: 'long enough password', roles: ['employee'] };
    const first = await app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: body });
    const retry = await app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: body });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await count(db, 'users', 'email = $1', [body.email])).toBe(1);

    const other = await app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: { ...body, name: 'Twice' } });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('lets a key be reused after a failed request, and rejects malformed keys', async () => {
    const db = use();
    const { user } = await seedCompany(db);
    const session = await signIn(app, user.email);
    const headers = { ...session.headers, 'idempotency-key': 'retry-after-error' };
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'x', expiresAt: '2000-01-01T00:00:00Z' },
    });
    expect(invalid.statusCode).toBe(400);
    const fixed = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'x', expiresAt: '2000-01-01T00:00:00Z' },
    });
    expect(fixed.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'x' } });
    expect(ok.statusCode).toBe(201);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...session.headers, 'idempotency-key': 'spaces are not allowed' },
      payload: { name: 'y' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('concurrent requests with one key create once', async () => {
    const db = use();
    const { user } = await seedCompany(db);
    const session = await signIn(app, user.email);
    const headers = { ...session.headers, 'idempotency-key': 'race' };
    const results = await Promise.all(
      [1, 2, 3].map(() => app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'race' } })),
    );
    expect(results.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of results) expect([201, 409]).toContain(r.statusCode);
    expect(await count(db, 'api_tokens', "name = 'race' AND user_id = $1", [user.id])).toBe(1);
  });

  it('frees a key whose first request never finished (the process died)', async () => {
    const db = use();
    const { user, company } = await seedCompany(db);
    const session = await signIn(app, user.email);
    await db.query(
      `INSERT INTO idempotency_keys (company_id, user_id, key, method, path, request_hash, created_at)
       VALUES ($1, $2, 'orphan', 'POST', '/api/v1/tokens', 'x', now() - interval '10 minutes')`,
      [company.id, user.id],
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...session.headers, 'idempotency-key': 'orphan' },
      payload: { name: 'after crash' },
    });
    expect(res.statusCode).toBe(201);
  });
});
