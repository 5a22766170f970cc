import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.ts';
import { seedCompany, signIn, testApp } from '../testing/http.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { appendAudit } from './append.ts';
import { verifyAuditChain } from './verify.ts';

describeEachEngine('audit trail', (use, engine) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(use());
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events, even from the database owner', async () => {
    const db = use();
    const { company } = await seedCompany(db);
    await expect(db.query('UPDATE audit_events SET action = $2 WHERE company_id = $1', [company.id, 'forged'])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM audit_events WHERE company_id = $1', [company.id])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('keeps one linear chain under concurrent appends', async () => {
    const db = use();
    const { company } = await seedCompany(db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.tenant(company.id, (tx) =>
          appendAudit(tx, company.id, SYSTEM_ACTOR, { action: 'test.concurrent', entityType: 'test', entityId: String(i), after: { i } }),
        ),
      ),
    );
    const result = await verifyAuditChain(db, company.id);
    expect(result).toMatchObject({ ok: true, firstBroken: null });
    expect(result.checked).toBeGreaterThanOrEqual(22);
  });

  it('names the first broken event when an event is altered behind the database’s back', async () => {
    const db = use();
    const { company } = await seedCompany(db);
    for (let i = 0; i < 3; i++)
      await db.tenant(company.id, (tx) =>
        appendAudit(tx, company.id, SYSTEM_ACTOR, { action: 'test.event', entityType: 'test', after: { i } }),
      );
    expect((await verifyAuditChain(db, company.id)).ok).toBe(true);
    // Only someone able to disable triggers can do this; the chain still shows it.
    await db.exec('ALTER TABLE audit_events DISABLE TRIGGER USER');
    try {
      await db.query(`UPDATE audit_events SET after = '{"i": 99}' WHERE company_id = $1 AND seq = 3`, [company.id]);
      const tampered = await verifyAuditChain(db, company.id);
      expect(tampered).toMatchObject({ ok: false, firstBroken: { seq: '3', reason: expect.stringMatching(/hash/) } });
      await db.query('DELETE FROM audit_events WHERE company_id = $1 AND seq = 2', [company.id]);
      const gap = await verifyAuditChain(db, company.id);
      expect(gap).toMatchObject({ ok: false, firstBroken: { seq: '2', reason: expect.stringMatching(/missing/) } });
    } finally {
      await db.exec('ALTER TABLE audit_events ENABLE TRIGGER USER');
    }
  });

  it('lists, filters and verifies through the API', async () => {
    const db = use();
    const { user, company } = await seedCompany(db);
    const session = await signIn(app, user.email);
    await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: session.headers,
      payload: { email: `aud-${engine}-${company.slug}@example.com`, name: 'A', password: 'long enough password', roles: ['auditor'] },
    });
    const all = await app.inject({ method: 'GET', url: '/api/v1/audit/events?limit=100', headers: { cookie: session.cookie } });
    expect(all.statusCode).toBe(200);
    const actions = all.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['company.created', 'user.created', 'auth.login']));
    const seqs = all.json().items.map((e: { seq: string }) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const users = await app.inject({ method: 'GET', url: '/api/v1/audit/events?action=user.', headers: { cookie: session.cookie } });
    expect(users.json().items.every((e: { action: string }) => e.action.startsWith('user.'))).toBe(true);
    const byActor = await app.inject({
      method: 'GET',
      url: `/api/v1/audit/events?actor=${encodeURIComponent(user.email)}`,
      headers: { cookie: session.cookie },
    });
    expect(byActor.json().items.length).toBeGreaterThan(0);
    expect(byActor.json().items.every((e: { actorLabel: string }) => e.actorLabel === user.email)).toBe(true);
    const future = await app.inject({ method: 'GET', url: '/api/v1/audit/events?from=2999-01-01', headers: { cookie: session.cookie } });
    expect(future.json().items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const upToToday = await app.inject({ method: 'GET', url: `/api/v1/audit/events?to=${today}`, headers: { cookie: session.cookie } });
    expect(upToToday.json().items.length).toBe(all.json().items.length);
    const badDate = await app.inject({ method: 'GET', url: '/api/v1/audit/events?from=yesterday', headers: { cookie: session.cookie } });
    expect(badDate.statusCode).toBe(400);

    const page1 = await app.inject({ method: 'GET', url: '/api/v1/audit/events?limit=2', headers: { cookie: session.cookie } });
    const page2 = await app.inject({
      method: 'GET',
      url: `/api/v1/audit/events?limit=2&cursor=${page1.json().nextCursor}`,
      headers: { cookie: session.cookie },
    });
    expect(Number(page2.json().items[0].seq)).toBeLessThan(Number(page1.json().items[1].seq));

    const verified = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: session.headers });
    expect(verified.json()).toMatchObject({ ok: true, firstBroken: null });
  });
});
