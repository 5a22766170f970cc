import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../audit/actor.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { registerJobType, unregisterJobType } from './registry.ts';
import { startJobRunner } from './runner.ts';
import { cancelJob, createJob, getJob, listJobs, retryJob } from './service.ts';
import { memoryLogger, migrateJobs, newCompany } from './testing.ts';

const FLAKY = 'test.service.flaky';
const INTERNAL = 'test.service.internal';
const TYPED = 'test.service.typed';
let shouldFail = true;

beforeAll(() => {
  registerJobType(FLAKY, {
    startable: true,
    maxAttempts: 1,
    async run() {
      if (shouldFail) throw new Error('upstream down');
      return { fine: true };
    },
  });
  registerJobType(INTERNAL, { run: async () => null });
  registerJobType(TYPED, {
    startable: true,
    payloadSchema: z.strictObject({ year: z.number().int().min(2000) }),
    run: async (job) => job.payload,
  });
});
afterAll(() => {
  for (const name of [FLAKY, INTERNAL, TYPED]) unregisterJobType(name);
});

const code = (err: unknown) => (err instanceof AppError ? err.code : err);

describeEachEngine('jobs service', (use) => {
  let ctx: ServiceContext;
  let other: ServiceContext;
  const actor: Actor = { userId: null, label: 'tester@example.com', requestId: 'req-1' };

  beforeAll(async () => {
    await migrateJobs(use());
    ctx = { db: use(), companyId: await newCompany(use()), actor };
    other = { db: use(), companyId: await newCompany(use()), actor };
  });

  const auditActions = async (entityId: string) =>
    (
      await use().query<{ action: string; before: { status: string } | null; after: { status: string } | null; actor_label: string }>(
        `SELECT action, before, after, actor_label FROM audit_events WHERE company_id = $1 AND entity_type = 'job' AND entity_id = $2 ORDER BY seq`,
        [ctx.companyId, entityId],
      )
    ).map((r) => ({ action: r.action, before: r.before?.status ?? null, after: r.after?.status ?? null, actor: r.actor_label }));

  it('creates a job (audited), and refuses unknown, internal, or badly-shaped ones', async () => {
    const job = await createJob(ctx, { name: TYPED, payload: { year: 2024 } });
    expect(job).toMatchObject({ name: TYPED, status: 'queued', attempts: 0, progress: 0, payload: { year: 2024 } });
    expect(await auditActions(job.id)).toEqual([{ action: 'job.created', before: null, after: 'queued', actor: 'tester@example.com' }]);

    expect(code(await createJob(ctx, { name: 'no.such.job' }).catch((e: unknown) => e))).toBe('VALIDATION_FAILED');
    expect(code(await createJob(ctx, { name: INTERNAL }).catch((e: unknown) => e))).toBe('VALIDATION_FAILED');
    const bad = await createJob(ctx, { name: TYPED, payload: { year: 'last' } }).catch((e: unknown) => e);
    expect(code(bad)).toBe('VALIDATION_FAILED');
    expect((bad as AppError).errors[0]?.path).toBe('payload.year');
    await cancelJob(ctx, job.id);
  });

  it('cancels queued jobs only, and retries failed or cancelled ones with attempts reset — each audited', async () => {
    const queued = await createJob(ctx, { name: FLAKY });
    const cancelled = await cancelJob(ctx, queued.id);
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled.finishedAt).not.toBeNull();
    expect(code(await cancelJob(ctx, queued.id).catch((e: unknown) => e))).toBe('INVALID_STATE');

    const requeued = await retryJob(ctx, queued.id);
    expect(requeued).toMatchObject({ status: 'queued', attempts: 0, finishedAt: null, lastError: null });
    expect(code(await retryJob(ctx, queued.id).catch((e: unknown) => e))).toBe('INVALID_STATE');

    // It fails (maxAttempts 1), is retried by hand, and then succeeds.
    const runner = startJobRunner(ctx.db, { background: false, logger: memoryLogger() });
    shouldFail = true;
    await runner.runOnce();
    const failed = await getJob(ctx, queued.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: 'upstream down' });
    expect(code(await cancelJob(ctx, queued.id).catch((e: unknown) => e))).toBe('INVALID_STATE');
    const again = await retryJob(ctx, queued.id);
    expect(again).toMatchObject({ status: 'queued', attempts: 0, lastError: null, result: null });
    shouldFail = false;
    await runner.runOnce();
    const done = await getJob(ctx, queued.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, result: { fine: true } });
    expect(code(await retryJob(ctx, queued.id).catch((e: unknown) => e))).toBe('INVALID_STATE');
    expect(code(await cancelJob(ctx, queued.id).catch((e: unknown) => e))).toBe('INVALID_STATE');

    expect(await auditActions(queued.id)).toEqual([
      { action: 'job.created', before: null, after: 'queued', actor: actor.label },
      { action: 'job.cancelled', before: 'queued', after: 'cancelled', actor: actor.label },
      { action: 'job.retried', before: 'cancelled', after: 'queued', actor: actor.label },
      { action: 'job.retried', before: 'failed', after: 'queued', actor: actor.label },
    ]);
    expect((await verifyAuditChain(ctx.db, ctx.companyId)).ok).toBe(true);
  });

  it('refuses to cancel a running job', async () => {
    const job = await createJob(ctx, { name: FLAKY });
    await ctx.db.query(
      `UPDATE jobs SET status = 'running', locked_by = 'w', locked_until = now() + interval '1 hour', attempts = 1 WHERE id = $1`,
      [job.id],
    );
    const err = await cancelJob(ctx, job.id).catch((e: unknown) => e);
    expect(code(err)).toBe('INVALID_STATE');
    expect((err as Error).message).toContain('running');
    expect(code(await retryJob(ctx, job.id).catch((e: unknown) => e))).toBe('INVALID_STATE');
    expect((await getJob(ctx, job.id)).status).toBe('running');
    expect((await auditActions(job.id)).map((a) => a.action)).toEqual(['job.created']);
    await ctx.db.query(`UPDATE jobs SET status = 'cancelled', locked_by = NULL, locked_until = NULL WHERE id = $1`, [job.id]);
  });

  it("keeps companies apart: another company's job is not found", async () => {
    const mine = await createJob(ctx, { name: FLAKY });
    expect(code(await getJob(other, mine.id).catch((e: unknown) => e))).toBe('NOT_FOUND');
    expect(code(await cancelJob(other, mine.id).catch((e: unknown) => e))).toBe('NOT_FOUND');
    expect(code(await retryJob(other, newId()).catch((e: unknown) => e))).toBe('NOT_FOUND');
    expect((await listJobs(other, { limit: 50 })).items.map((j) => j.id)).not.toContain(mine.id);
    await cancelJob(ctx, mine.id);
  });

  it('lists newest first with exact cursor pagination and a status filter', async () => {
    const fresh: ServiceContext = { db: use(), companyId: await newCompany(use()), actor };
    const created: string[] = [];
    for (let i = 0; i < 7; i += 1) created.push((await createJob(fresh, { name: FLAKY })).id);
    // Several jobs in the same instant: the cursor must still neither skip nor repeat any.
    await use().query(`UPDATE jobs SET created_at = '2024-05-01T10:00:00.123456Z' WHERE company_id = $1 AND id = ANY($2::uuid[])`, [
      fresh.companyId,
      created.slice(2, 6),
    ]);
    await cancelJob(fresh, created[0] as string);

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await listJobs(fresh, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((j) => j.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const ordered = await use().query<{ id: string }>('SELECT id FROM jobs WHERE company_id = $1 ORDER BY created_at DESC, id DESC', [
      fresh.companyId,
    ]);
    expect(seen).toEqual(ordered.map((r) => r.id));
    expect(seen[0]).toBe(created[6]);

    const onlyCancelled = await listJobs(fresh, { limit: 50, status: 'cancelled' });
    expect(onlyCancelled.items.map((j) => j.id)).toEqual([created[0]]);
    expect(code(await listJobs(fresh, { limit: 2, cursor: 'not-a-cursor' }).catch((e: unknown) => e))).toBe('VALIDATION_FAILED');
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    expect(code(await listJobs(fresh, { limit: 2, cursor: forged }).catch((e: unknown) => e))).toBe('VALIDATION_FAILED');
  });
});
