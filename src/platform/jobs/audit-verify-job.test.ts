import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/actor.ts';
import { appendAudit } from '../audit/append.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { AUDIT_VERIFY_JOB, createJob, getJob, isJobTypeRegistered, listJobTypes, registerPlatformJobs, startJobRunner } from './index.ts';
import { memoryLogger, migrateJobs, newCompany } from './testing.ts';

beforeAll(() => {
  registerPlatformJobs();
  registerPlatformJobs(); // idempotent
});

describeEachEngine('audit.verify job', (use) => {
  beforeAll(async () => {
    await migrateJobs(use());
  });

  it('is registered and startable', () => {
    expect(isJobTypeRegistered(AUDIT_VERIFY_JOB)).toBe(true);
    expect(listJobTypes()).toContainEqual({ name: AUDIT_VERIFY_JOB, label: 'Verify the audit trail', startable: true });
  });

  it("verifies the job's company chain, reports progress, and finds tampering", async () => {
    const db = use();
    const companyId = await newCompany(use());
    const ctx = { db, companyId, actor: SYSTEM_ACTOR };
    await db.tenant(companyId, async (tx) => {
      for (let i = 0; i < 25; i += 1)
        await appendAudit(tx, companyId, SYSTEM_ACTOR, { action: 'thing.done', entityType: 'thing', entityId: String(i), after: { i } });
    });
    const runner = startJobRunner(db, { background: false, logger: memoryLogger() });

    const first = await createJob(ctx, { name: AUDIT_VERIFY_JOB });
    await runner.runOnce();
    const done = await getJob(ctx, first.id);
    // company.created + 25 events + the job.created event itself.
    expect(done).toMatchObject({ status: 'succeeded', progress: 100, result: { ok: true, checked: 27, firstBroken: null } });
    expect(done.progressMessage).toBe('Checked 27 of 27 audit events');

    await db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await db.query(`UPDATE audit_events SET after = '{"i": 999}' WHERE company_id = $1 AND entity_id = '7'`, [companyId]);
    await db.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
    const second = await createJob(ctx, { name: AUDIT_VERIFY_JOB });
    await runner.runOnce();
    const broken = await getJob(ctx, second.id);
    expect(broken.status).toBe('succeeded');
    expect(broken.result).toMatchObject({
      ok: false,
      checked: 8,
      firstBroken: { seq: '9', reason: 'its content does not match its hash' },
    });
  });

  it('refuses a payload (the job takes none)', async () => {
    const db = use();
    const companyId = await newCompany(db);
    await expect(
      createJob({ db, companyId, actor: SYSTEM_ACTOR }, { name: AUDIT_VERIFY_JOB, payload: { all: true } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
