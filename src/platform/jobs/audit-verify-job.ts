import { z } from 'zod';
import { sealAuditChain } from '../audit/seal.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import type { RunningJob } from './registry.ts';
import { registerJobType } from './registry.ts';

export const AUDIT_VERIFY_JOB = 'audit.verify';

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: string; reason: string } | null;
}

/** Recomputes the company's audit hash chain and reports where it breaks, if it does. */
export async function runAuditVerify(job: RunningJob<Record<string, never>>): Promise<AuditVerifyResult> {
  await sealAuditChain(job.db, job.companyId);
  const [head] = await job.db.system((tx) =>
    tx.query<{ last_seq: string }>('SELECT last_seq FROM audit_heads WHERE company_id = $1', [job.companyId]),
  );
  // The chain may grow while we check it; progress is measured against its length when we started.
  const total = head ? Number(head.last_seq) : 0;
  await job.reportProgress(0, total === 0 ? 'No audit events yet' : `Checking ${total} audit events`);
  // verifyAuditChain reports synchronously after each batch; the writes are chained, and a failed one
  // (the lease was lost) is kept to fail the job once the check returns.
  let reports = Promise.resolve();
  let reportError: unknown = null;
  const result = await verifyAuditChain(job.db, job.companyId, (checked) => {
    const percent = total === 0 ? 99 : Math.min(99, Math.floor((checked / total) * 100));
    reports = reports
      .then(() => job.reportProgress(percent, `Checked ${checked} of ${total} audit events`))
      .catch((err: unknown) => {
        reportError ??= err;
      });
  });
  await reports;
  if (reportError) throw reportError;
  return { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken };
}

export function registerAuditVerifyJob(): void {
  registerJobType<Record<string, never>>(AUDIT_VERIFY_JOB, {
    label: 'Verify the audit trail',
    maxAttempts: 3,
    startable: true,
    payloadSchema: z.strictObject({}),
    run: runAuditVerify,
  });
}
