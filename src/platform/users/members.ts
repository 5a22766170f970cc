import { appendAudit } from '../audit/append.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { ServiceContext } from '../context.ts';
import type { Tx } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { newId } from '../ids.ts';
import { decodeCursor, type Page, toPage } from '../pagination.ts';

/** The people of a company: users and their roles there. */
export interface Member {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: Date;
  version: number;
}

interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  roles: string[];
  deactivated_at: Date | null;
  created_at: Date;
  created_key: string;
  version: number;
}

// created_key is the timestamp as PostgreSQL prints it: full microsecond precision for the cursor.
const SELECT_MEMBER = `SELECT m.user_id, u.email, u.name, m.roles, m.deactivated_at, m.created_at, m.created_at::text AS created_key, m.version
  FROM memberships m JOIN users u ON u.id = m.user_id`;

const toMember = (r: MemberRow): Member => ({
  id: r.user_id,
  email: r.email,
  name: r.name,
  roles: r.roles,
  active: r.deactivated_at === null,
  createdAt: r.created_at,
  version: r.version,
});

export async function listMembers(
  ctx: ServiceContext,
  query: { limit: number; cursor?: string | undefined; q?: string | undefined },
): Promise<Page<Member>> {
  const after = decodeCursor(query.cursor, 2);
  const params: unknown[] = [ctx.companyId];
  const where = ['m.company_id = $1'];
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(u.email ILIKE $${params.length} OR u.name ILIKE $${params.length})`);
  }
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(m.created_at, m.user_id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<MemberRow>(`${SELECT_MEMBER} WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.user_id LIMIT $${params.length}`, params),
  );
  return toPage(rows, query.limit, toMember, (r) => [r.created_key, r.user_id]);
}

async function findMember(tx: Tx, companyId: string, userId: string): Promise<MemberRow | undefined> {
  const [row] = await tx.query<MemberRow>(`${SELECT_MEMBER} WHERE m.company_id = $1 AND m.user_id = $2`, [companyId, userId]);
  return row;
}

export async function getMember(ctx: ServiceContext, userId: string): Promise<Member> {
  const row = await ctx.db.tenant(ctx.companyId, (tx) => findMember(tx, ctx.companyId, userId));
  if (!row) throw notFound('User');
  return toMember(row);
}

export interface NewMember {
  email: string;
  name: string;
  password: string;
  roles: string[];
}

/**
 * Adds a person to the company. A new email creates the user with the given password; an email that
 * already has an account elsewhere in this installation just gains access here (its password is kept).
 */
export async function createMember(ctx: ServiceContext, input: NewMember): Promise<Member> {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.system(async (tx) => {
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [input.email]);
    const userId = existing?.id ?? newId();
    if (!existing) {
      await tx.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', [
        userId,
        input.email,
        input.name,
        passwordHash,
      ]);
    } else if (await findMember(tx, ctx.companyId, userId)) {
      throw new AppError('ALREADY_EXISTS', `${input.email} is already a user of this company`, [
        { path: 'email', message: 'is already a user here' },
      ]);
    }
    await tx.query('INSERT INTO memberships (company_id, user_id, roles) VALUES ($1, $2, $3)', [ctx.companyId, userId, input.roles]);
    const member = toMember((await findMember(tx, ctx.companyId, userId)) as MemberRow);
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'user.created', entityType: 'user', entityId: userId, after: member });
    return member;
  });
}

async function assertAdminRemains(tx: Tx, companyId: string): Promise<void> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM memberships WHERE company_id = $1 AND deactivated_at IS NULL AND 'admin' = ANY (roles)`,
    [companyId],
  );
  if ((row?.n ?? 0) === 0) throw new AppError('INVALID_STATE', 'A company must keep at least one active admin');
}

async function changeMember(
  ctx: ServiceContext,
  userId: string,
  action: string,
  change: (tx: Tx, before: MemberRow) => Promise<void>,
): Promise<Member> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const before = await findMember(tx, ctx.companyId, userId);
    if (!before) throw notFound('User');
    await change(tx, before);
    await assertAdminRemains(tx, ctx.companyId);
    const after = toMember((await findMember(tx, ctx.companyId, userId)) as MemberRow);
    await appendAudit(tx, ctx.companyId, ctx.actor, { action, entityType: 'user', entityId: userId, before: toMember(before), after });
    return after;
  });
}

export function updateMember(
  ctx: ServiceContext,
  userId: string,
  input: { name?: string | undefined; roles?: string[] | undefined; version: number },
): Promise<Member> {
  return changeMember(ctx, userId, 'user.updated', async (tx, before) => {
    if (before.version !== input.version) throw versionConflict('This user');
    const updated = await tx.query(
      `UPDATE memberships SET roles = coalesce($4, roles), version = version + 1, updated_at = now()
        WHERE company_id = $1 AND user_id = $2 AND version = $3 RETURNING user_id`,
      [ctx.companyId, userId, input.version, input.roles ?? null],
    );
    if (updated.length === 0) throw versionConflict('This user');
    // The name belongs to the person, not to this company; RLS does not cover the users table.
    if (input.name !== undefined) await tx.query('UPDATE users SET name = $2, updated_at = now() WHERE id = $1', [userId, input.name]);
  });
}

export function setMemberActive(ctx: ServiceContext, userId: string, active: boolean): Promise<Member> {
  if (!active && ctx.actor.userId === userId) {
    return Promise.reject(new AppError('INVALID_STATE', 'You cannot deactivate yourself'));
  }
  return changeMember(ctx, userId, active ? 'user.reactivated' : 'user.deactivated', async (tx, before) => {
    if ((before.deactivated_at === null) === active) {
      throw new AppError('INVALID_STATE', active ? 'This user is already active' : 'This user is already deactivated');
    }
    await tx.query(
      `UPDATE memberships SET deactivated_at = $3, version = version + 1, updated_at = now() WHERE company_id = $1 AND user_id = $2`,
      [ctx.companyId, userId, active ? null : new Date()],
    );
    if (!active) {
      await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE company_id = $1 AND user_id = $2 AND revoked_at IS NULL', [
        ctx.companyId,
        userId,
      ]);
    }
  });
}
