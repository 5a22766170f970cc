import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.ts';
import { count, type Session, seedCompany, signIn, testApp } from '../testing/http.ts';
import { BODY_LIMIT } from './app.ts';

/** Every bad request is a 4xx problem+json that leaks nothing and writes nothing. */
describeEachEngine('bad input', (use) => {
  let app: FastifyInstance;
  let session: Session;
  let companyId: string;
  beforeAll(async () => {
    app = await testApp(use());
    const seeded = await seedCompany(use());
    companyId = seeded.company.id;
    session = await signIn(app, seeded.user.email);
  });

  const valid = { email: 'valid@example.com', name: 'Valid', password: 'long enough password', roles: ['employee'] };

  async function expectRefused(body: string | Buffer, contentType = 'application/json', status?: number) {
    const usersBefore = await count(use(), 'users');
    const eventsBefore = await count(use(), 'audit_events', 'company_id = $1', [companyId]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...session.headers, 'content-type': contentType },
      payload: body,
    });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (status) expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({
      status: res.statusCode,
      code: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(res.body).not.toMatch(/at .*\.ts:\d+|node_modules|stack/i);
    expect(await count(use(), 'users')).toBe(usersBefore);
    expect(await count(use(), 'audit_events', 'company_id = $1', [companyId])).toBe(eventsBefore);
    return problem;
  }

  it('refuses malformed JSON', async () => {
    for (const body of ['{"email": ', '{email: "x"}', 'null', '[]', '"text"', '{"a":1}{"b":2}']) await expectRefused(body);
  });

  it('refuses wrong types and unknown fields, naming the fields', async () => {
    const wrongType = await expectRefused(JSON.stringify({ ...valid, roles: 'admin' }), 'application/json', 400);
    expect(wrongType.errors).toContainEqual(expect.objectContaining({ path: 'roles' }));
    const unknownRole = await expectRefused(JSON.stringify({ ...valid, roles: ['superuser'] }), 'application/json', 400);
    expect(unknownRole.errors[0].path).toMatch(/^roles/);
    const extra = await expectRefused(JSON.stringify({ ...valid, isAdmin: true }), 'application/json', 400);
    expect(JSON.stringify(extra.errors)).toContain('isAdmin');
    await expectRefused(JSON.stringify({ ...valid, email: 12 }), 'application/json', 400);
    await expectRefused(JSON.stringify({ ...valid, name: 'tab\u0007bell' }), 'application/json', 400);
  });

  it('refuses prototype pollution, NUL characters and invalid UTF-8', async () => {
    await expectRefused('{"__proto__": {"admin": true}, "email": "a@b.es"}', 'application/json', 400);
    await expectRefused(JSON.stringify({ ...valid, name: 'nul\u0000byte' }), 'application/json', 400);
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"email":"x@y.es","name":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","password":"long enough password","roles":["employee"]}'),
    ]);
    await expectRefused(invalidUtf8, 'application/json', 400);
  });

  it('refuses oversized bodies and other content types', async () => {
    await expectRefused(JSON.stringify({ ...valid, name: 'x'.repeat(BODY_LIMIT) }), 'application/json', 413);
    await expectRefused('email=a@b.es', 'application/x-www-form-urlencoded', 415);
    await expectRefused('<user/>', 'text/xml', 415);
  });

  it('stores injection strings verbatim as data, never as code', async () => {
    const nasty = `Robert'); DROP TABLE users; -- <script>alert(1)</script>`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: session.headers,
      payload: { ...valid, email: 'bobby@example.com', name: nasty },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe(nasty);
    const search = await app.inject({
      method: 'GET',
      url: `/api/v1/users?q=${encodeURIComponent("%' OR '1'='1")}`,
      headers: { cookie: session.cookie },
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().items).toEqual([]);
    const badId = await app.inject({
      method: 'GET',
      url: `/api/v1/users/${encodeURIComponent("1' OR '1'='1")}`,
      headers: { cookie: session.cookie },
    });
    expect(badId.statusCode).toBe(400);
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});
