import { appendAudit } from '../audit/append.ts';
import type { ServiceContext } from '../context.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { newId, randomToken, sha256Hex } from '../ids.ts';
import { permissionsOf } from '../permissions/roles.ts';
import { activeMembership } from './memberships.ts';
import type { Principal } from './principal.ts';

const TOKEN_PREFIX = 'trs_';

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const view = (r: TokenRow): ApiTokenView => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

/** Creates a token for `userId` in the context's company. The secret is returned once and stored hashed. */
export async function createApiToken(
  ctx: ServiceContext,
  userId: string,
  input: { name: string; expiresAt?: Date | null },
): Promise<ApiTokenView & { token: string }> {
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError('VALIDATION_FAILED', 'The expiry must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  const token = TOKEN_PREFIX + randomToken(32);
  const id = newId();
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    if (!(await activeMembership(tx, userId, ctx.companyId))) throw notFound('User');
    const [row] = await tx.query<TokenRow>(
      `INSERT INTO api_tokens (company_id, id, user_id, name, token_hash, prefix, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, name, prefix, created_at, last_used_at, expires_at, revoked_at`,
      [ctx.companyId, id, userId, input.name, sha256Hex(token), token.slice(0, 10), input.expiresAt ?? null],
    );
    const created = view(row as TokenRow);
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: id,
      after: { ...created, userId },
    });
    return { ...created, token };
  });
}

export async function listApiTokens(ctx: ServiceContext, userId: string): Promise<ApiTokenView[]> {
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<TokenRow>(
      `SELECT id, name, prefix, created_at, last_used_at, expires_at, revoked_at FROM api_tokens
        WHERE company_id = $1 AND user_id = $2 ORDER BY created_at DESC`,
      [ctx.companyId, userId],
    ),
  );
  return rows.map(view);
}

export async function revokeApiToken(ctx: ServiceContext, userId: string, tokenId: string): Promise<void> {
  await ctx.db.tenant(ctx.companyId, async (tx) => {
    const [row] = await tx.query<TokenRow>(
      `UPDATE api_tokens SET revoked_at = now()
        WHERE company_id = $1 AND id = $2 AND user_id = $3 AND revoked_at IS NULL
        RETURNING id, name, prefix, created_at, last_used_at, expires_at, revoked_at`,
      [ctx.companyId, tokenId, userId],
    );
    if (!row) throw notFound('API token');
    await appendAudit(tx, ctx.companyId, ctx.actor, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: tokenId,
      after: view(row),
    });
  });
}

/** Resolves `Authorization: Bearer trs_…` to its principal, or null for an unknown/revoked/expired token. */
export async function principalFromToken(db: Database, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db.query<{ company_id: string; id: string; user_id: string; email: string; name: string; last_used_at: Date | null }>(
    `SELECT t.company_id, t.id, t.user_id, u.email, u.name, t.last_used_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
    [sha256Hex(token)],
  );
  if (!row) return null;
  const membership = await activeMembership(db, row.user_id, row.company_id);
  if (!membership) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.query('UPDATE api_tokens SET last_used_at = now() WHERE company_id = $1 AND id = $2', [row.company_id, row.id]);
  }
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    companyId: row.company_id,
    roles: membership.roles,
    permissions: permissionsOf(membership.roles),
    via: 'token',
    sessionId: null,
    csrfToken: null,
  };
}
