import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.ts';
import { addUser, count, seedCompany, signIn, TEST_PASSWORD, testApp } from '../testing/http.ts';
import { MAX_FAILED_LOGINS } from './login.ts';
import { currentTotp } from './totp.ts';

describeEachEngine('authentication', (use) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(use());
  });

  it('signs in, answers /auth/me, and signs out', async () => {
    const { company, user } = await seedCompany(use());
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');

    const session = await signIn(app, user.email);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: user.email }, company: { id: company.id }, roles: ['admin'], via: 'session' });

    const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_FAILED');

    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a wrong password without saying whether the email exists', async () => {
    const { user } = await seedCompany(use());
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'not the password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'whatever' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const db = use();
    const { user, company } = await seedCompany(db);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: `wrong ${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const locked = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect(await count(db, 'audit_events', "company_id = $1 AND action = 'auth.locked'", [company.id])).toBe(1);
    await db.query("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1", [user.id]);
    await signIn(app, user.email);
  });

  it('changes the password and revokes the other sessions', async () => {
    const { user } = await seedCompany(use());
    const first = await signIn(app, user.email);
    const second = await signIn(app, user.email);
    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: first.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('newPassword');
    const wrongCurrent = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: first.headers,
      payload: { currentPassword: 'nope nope nope', newPassword: 'a brand new passphrase' },
    });
    expect(wrongCurrent.statusCode).toBe(400);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: first.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: second.cookie } })).statusCode).toBe(401);
    await signIn(app, user.email, 'a brand new passphrase');
  });

  it('enables TOTP two-factor and then requires the code', async () => {
    const { user } = await seedCompany(use());
    const session = await signIn(app, user.email);
    const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: session.headers });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const badCode = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: session.headers,
      payload: { code: '000000' === currentTotp(secret) ? '111111' : '000000' },
    });
    expect(badCode.statusCode).toBe(400);
    const enable = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: session.headers,
      payload: { code: currentTotp(secret) },
    });
    expect(enable.statusCode).toBe(204);

    const withoutCode = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().code).toBe('TOTP_REQUIRED');
    const withCode = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD, totpCode: currentTotp(secret) },
    });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().user.totpEnabled).toBe(true);
  });

  it('lists and revokes sessions', async () => {
    const { user } = await seedCompany(use());
    const a = await signIn(app, user.email);
    const b = await signIn(app, user.email);
    const list = await app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { cookie: a.cookie } });
    const items = list.json().items as { id: string; current: boolean }[];
    expect(items).toHaveLength(2);
    const other = items.find((s) => !s.current);
    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${other?.id}`, headers: a.headers });
    expect(revoke.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: b.cookie } })).statusCode).toBe(401);
  });

  describe('API tokens', () => {
    it('are shown once, stored hashed, work as Bearer, and stop working when revoked', async () => {
      const db = use();
      const { user, company } = await seedCompany(db);
      const session = await signIn(app, user.email);
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: session.headers,
        payload: { name: 'integration' },
      });
      expect(created.statusCode).toBe(201);
      const { token, id } = created.json();
      expect(token).toMatch(/^trs_/);
      expect(await count(db, 'api_tokens', 'token_hash = $1', [token])).toBe(0);
      const listed = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie: session.cookie } });
      expect(JSON.stringify(listed.json())).not.toContain(token);

      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ via: 'token', company: { id: company.id }, csrfToken: null });
      // Bearer calls need no CSRF token: there is no ambient credential to forge.
      const write = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { authorization: `Bearer ${token}` },
        payload: { name: 'second' },
      });
      expect(write.statusCode).toBe(201);

      expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: session.headers })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
        401,
      );
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer trs_forged' } })).statusCode,
      ).toBe(401);
    });

    it('stop working when the user is deactivated in the company', async () => {
      const db = use();
      const { user: admin, company } = await seedCompany(db);
      const member = await addUser(db, company.id, ['accountant']);
      const memberSession = await signIn(app, member.email);
      const { token } = (
        await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: memberSession.headers, payload: { name: 't' } })
      ).json();
      const adminSession = await signIn(app, admin.email);
      const off = await app.inject({ method: 'POST', url: `/api/v1/users/${member.id}/deactivate`, headers: adminSession.headers });
      expect(off.statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
        401,
      );
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: memberSession.cookie } })).statusCode).toBe(401);
    });
  });

  it('switches between the companies a user belongs to, and not into others', async () => {
    const db = use();
    const { user, company: first } = await seedCompany(db);
    const { company: second } = await seedCompany(db);
    const { company: foreign } = await seedCompany(db);
    await db.query(`INSERT INTO memberships (company_id, user_id, roles) VALUES ($1, $2, '{accountant}')`, [second.id, user.id]);
    const session = await signIn(app, user.email);
    const switched = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/switch-company',
      headers: session.headers,
      payload: { companyId: second.id },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ company: { id: second.id }, roles: ['accountant'] });
    expect(
      switched
        .json()
        .companies.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/switch-company',
      headers: session.headers,
      payload: { companyId: foreign.id },
    });
    expect(denied.statusCode).toBe(404);
  });
});
