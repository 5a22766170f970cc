import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/actor.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import { buildApp } from '../http/app.ts';
import { newId } from '../ids.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { registerJobType, unregisterJobType } from './registry.ts';
import { jobsRoutes } from './routes.ts';
import { startJobRunner } from './runner.ts';
import { memoryLogger, migrateJobs, newCompany } from './testing.ts';

const NAME = 'test.routes.report';
beforeAll(() => {
  registerJobType(NAME, {
    startable: true,
    maxAttempts: 1,
    async run(job) {
      if ((job.payload as { fail?: boolean }).fail) throw new Error('could not build the report');
      return { rows: 3 };
    },
  });
});
afterAll(() => unregisterJobType(NAME));

describeEachEngine('jobs API', (use) => {
  let app: FastifyInstance;
  let companyId: string;
  let adminToken: string;
  let readerToken: string;

  async function memberToken(role: string): Promise<string> {
    const db = use();
    const userId = newId();
    await db.query(`INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, 'T', 'x')`, [userId, `${userId}@example.com`]);
    await db.query('INSERT INTO memberships (company_id, user_id, roles) VALUES ($1, $2, $3)', [companyId, userId, [role]]);
    return (await createApiToken({ db, companyId, actor: SYSTEM_ACTOR }, userId, { name: role })).token;
  }

  beforeAll(async () => {
    await migrateJobs(use());
    companyId = await newCompany(use());
    adminToken = await memberToken('admin');
    readerToken = await memberToken('accountant');
    app = await buildApp({ db: use(), webDist: '/nonexistent', secureCookies: false, logLevel: 'silent', routes: [jobsRoutes] });
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('creates, lists, shows, cancels and retries jobs', async () => {
    const created = await call(adminToken, 'POST', '/api/v1/jobs', { name: NAME, payload: { fail: true } });
    expect(created.statusCode).toBe(201);
    const job = created.json();
    expect(job).toMatchObject({
      name: NAME,
      status: 'queued',
      progress: 0,
      progressMessage: null,
      attempts: 0,
      maxAttempts: 1,
      lastError: null,
      result: null,
      startedAt: null,
    });
    expect(job).not.toHaveProperty('payload');

    const cancelled = await call(adminToken, 'POST', `/api/v1/jobs/${job.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const again = await call(adminToken, 'POST', `/api/v1/jobs/${job.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_STATE');

    expect((await call(adminToken, 'POST', `/api/v1/jobs/${job.id}/retry`)).json().status).toBe('queued');
    await startJobRunner(use(), { background: false, logger: memoryLogger() }).runOnce();
    const shown = await call(readerToken, 'GET', `/api/v1/jobs/${job.id}`);
    expect(shown.json()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'could not build the report' });

    const list = await call(readerToken, 'GET', '/api/v1/jobs?limit=10&status=failed');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((j: { id: string }) => j.id)).toContain(job.id);
    expect(list.json().nextCursor).toBeNull();
    expect((await call(readerToken, 'GET', '/api/v1/jobs?status=exploded')).statusCode).toBe(400);
    expect((await call(readerToken, 'GET', `/api/v1/jobs/${newId()}`)).statusCode).toBe(404);
    expect((await call(readerToken, 'GET', '/api/v1/jobs/types')).json().items).toContainEqual({
      name: NAME,
      label: NAME,
      startable: true,
    });
  });

  it('answers bad input with 400 and unknown job names with VALIDATION_FAILED', async () => {
    const unknown = await call(adminToken, 'POST', '/api/v1/jobs', { name: 'no.such.job' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'name' }] });
    expect((await call(adminToken, 'POST', '/api/v1/jobs', { name: NAME, extra: 1 })).statusCode).toBe(400);
    expect((await call(adminToken, 'POST', '/api/v1/jobs/not-a-uuid/retry')).statusCode).toBe(400);
  });

  it('needs jobs:write to change jobs and jobs:read to see them', async () => {
    const refused = await call(readerToken, 'POST', '/api/v1/jobs', { name: NAME });
    expect(refused.statusCode).toBe(403);
    const employee = await memberToken('employee');
    expect((await call(employee, 'GET', '/api/v1/jobs')).statusCode).toBe(403);
  });

  it('does not create twice for a retried request with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `jobs-${newId()}` };
    const first = await call(adminToken, 'POST', '/api/v1/jobs', { name: NAME }, headers);
    const second = await call(adminToken, 'POST', '/api/v1/jobs', { name: NAME }, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const [row] = await use().query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE company_id = $1 AND id = $2`, [
      companyId,
      first.json().id,
    ]);
    expect(row?.n).toBe(1);
  });
});
