import type { Database } from '../db/database.ts';
import { randomToken, sha256Hex } from '../ids.ts';
import { permissionsOf } from '../permissions/roles.ts';
import { activeMembership, firstActiveCompany } from './memberships.ts';
import type { Principal } from './principal.ts';

export const SESSION_COOKIE = 'trastienda_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Sliding expiry: a session used within its lifetime is extended, at most this often. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface NewSession {
  token: string;
  id: string;
  csrfToken: string;
}

export async function createSession(
  db: Database,
  userId: string,
  companyId: string,
  meta: { userAgent?: string; ip?: string },
): Promise<NewSession> {
  const token = randomToken();
  const id = sha256Hex(token);
  const csrfToken = randomToken(24);
  await db.query(
    `INSERT INTO sessions (id, user_id, current_company, csrf_token, user_agent, ip, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, userId, companyId, csrfToken, meta.userAgent?.slice(0, 300) ?? null, meta.ip ?? null, new Date(Date.now() + SESSION_TTL_MS)],
  );
  return { token, id, csrfToken };
}

interface SessionRow {
  id: string;
  user_id: string;
  current_company: string;
  csrf_token: string;
  last_seen_at: Date;
  email: string;
  name: string;
}

/** Resolves a cookie value to its principal, or null when unknown, expired, revoked or without access. */
export async function principalFromSession(db: Database, token: string): Promise<Principal | null> {
  const id = sha256Hex(token);
  const [row] = await db.query<SessionRow>(
    `SELECT s.id, s.user_id, s.current_company, s.csrf_token, s.last_seen_at, u.email, u.name
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [id],
  );
  if (!row) return null;
  let companyId = row.current_company;
  let membership = await activeMembership(db, row.user_id, companyId);
  if (!membership) {
    // Removed from the company the session was in: move to another one they still belong to.
    const other = await firstActiveCompany(db, row.user_id);
    if (!other) return null;
    companyId = other;
    membership = await activeMembership(db, row.user_id, companyId);
    if (!membership) return null;
    await db.query('UPDATE sessions SET current_company = $2 WHERE id = $1', [id, companyId]);
  }
  if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await db.query('UPDATE sessions SET last_seen_at = now(), expires_at = $2 WHERE id = $1', [id, new Date(Date.now() + SESSION_TTL_MS)]);
  }
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    companyId,
    roles: membership.roles,
    permissions: permissionsOf(membership.roles),
    via: 'session',
    sessionId: id,
    csrfToken: row.csrf_token,
  };
}

export async function revokeSession(db: Database, sessionId: string, userId: string): Promise<boolean> {
  const rows = await db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id', [
    sessionId,
    userId,
  ]);
  return rows.length > 0;
}

export async function revokeAllSessions(db: Database, userId: string, exceptId: string | null = null): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2', [
    userId,
    exceptId,
  ]);
}

export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

export async function listSessions(db: Database, userId: string, currentId: string | null): Promise<SessionView[]> {
  const rows = await db.query<{ id: string; created_at: Date; last_seen_at: Date; user_agent: string | null; ip: string | null }>(
    `SELECT id, created_at, last_seen_at, user_agent, ip FROM sessions
      WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    userAgent: r.user_agent,
    ip: r.ip,
    current: r.id === currentId,
  }));
}

export async function switchSessionCompany(db: Database, sessionId: string, companyId: string): Promise<void> {
  await db.query('UPDATE sessions SET current_company = $2 WHERE id = $1', [sessionId, companyId]);
}
