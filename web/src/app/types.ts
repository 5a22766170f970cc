// Shapes of the API's JSON, as the web app uses them.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Items<T> {
  items: T[];
}

export interface Company {
  id: string;
  slug: string;
  name: string;
  legalName: string | null;
  taxId: string | null;
  address: string | null;
  baseCurrency: string;
  country: string;
  fiscalYearStartMonth: number;
  locale: string;
  version: number;
}

export interface CompanySummary {
  id: string;
  slug: string;
  name: string;
  roles: string[];
  baseCurrency?: string;
  country?: string;
}

export interface Me {
  user: { id: string; email: string; name: string; locale: string; totpEnabled: boolean };
  company: Company;
  roles: string[];
  permissions: string[];
  companies: CompanySummary[];
  csrfToken: string | null;
  via: 'session' | 'token';
}

export interface Member {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: string;
  version: number;
}

export interface RoleInfo {
  role: string;
  permissions: string[];
}

export interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface AuditEvent {
  seq: string;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: { seq: string; reason: string } | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'completed' | 'failed' | 'cancelled' | (string & {});

export interface Job {
  id: string;
  name: string;
  status: JobStatus;
  progress: number | null;
  progressMessage: string | null;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
  result: unknown;
}

export interface SearchResult {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  url: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}
