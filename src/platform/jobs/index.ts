/** Background jobs: the module's public face. */
import { AUDIT_VERIFY_JOB, registerAuditVerifyJob } from './audit-verify-job.ts';
import { isJobTypeRegistered } from './registry.ts';

export { AUDIT_VERIFY_JOB, type AuditVerifyResult } from './audit-verify-job.ts';
export { type EnqueueInput, enqueueJob } from './enqueue.ts';
export { JOB_STATUSES, type Job, type JobStatus } from './job.ts';
export { JOBS_MIGRATIONS_DIR } from './migrations.ts';
export {
  DEFAULT_MAX_ATTEMPTS,
  isJobTypeRegistered,
  type JobDefinition,
  listJobTypes,
  type RunningJob,
  registerJobType,
} from './registry.ts';
export { jobSchema, jobsRoutes } from './routes.ts';
export {
  JobLeaseLostError,
  type JobRunner,
  type JobRunnerOptions,
  PermanentJobError,
  RUNNER_DEFAULTS,
  type RunnerLogger,
  retryDelayMs,
  startJobRunner,
} from './runner.ts';
export { cancelJob, createJob, getJob, listJobs, retryJob } from './service.ts';

/** Registers the platform's own job types. Safe to call more than once. */
export function registerPlatformJobs(): void {
  if (!isJobTypeRegistered(AUDIT_VERIFY_JOB)) registerAuditVerifyJob();
}
