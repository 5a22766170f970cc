import { appendAudit } from '../audit/append.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { firstActiveCompany } from './memberships.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { createSession, type NewSession } from './sessions.ts';
import { checkTotp } from './totp.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export interface LoginInput {
  email: string;
  password: string;
  totpCode?: string | undefined;
}

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  failed_logins: number;
  locked_until: Date | null;
}

/**
 * Checks the credentials (and the TOTP code when two-factor is on) and opens a session. Repeated failures
 * lock the account for a while; every outcome for a known user is audited.
 */
export async function login(
  db: Database,
  input: LoginInput,
  meta: { userAgent?: string; ip?: string; requestId?: string },
): Promise<NewSession & { userId: string; companyId: string }> {
  const [user] = await db.query<UserRow>(
    `SELECT id, email, password_hash, totp_secret, totp_enabled_at, failed_logins, locked_until
       FROM users WHERE lower(email) = lower($1)`,
    [input.email],
  );
  if (!user) {
    await verifyPassword(await decoyHash(), input.password);
    throw new AppError('INVALID_CREDENTIALS', 'The email or password is wrong');
  }
  if (user.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
    throw new AppError('ACCOUNT_LOCKED', 'Too many failed sign-ins; try again in a few minutes');
  }
  const companyId = await firstActiveCompany(db, user.id);
  const actor = { userId: user.id, label: user.email, requestId: meta.requestId ?? null };
  const fail = async (code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID', message: string): Promise<never> => {
    const failures = user.failed_logins + 1;
    const locked = failures >= MAX_FAILED_LOGINS;
    await db.system(async (tx) => {
      await tx.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [
        user.id,
        locked ? 0 : failures,
        locked ? new Date(Date.now() + LOCKOUT_MS) : null,
      ]);
      if (companyId) {
        await appendAudit(tx, companyId, actor, {
          action: locked ? 'auth.locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: code, failures },
        });
      }
    });
    throw new AppError(code, message);
  };

  if (!(await verifyPassword(user.password_hash, input.password))) {
    return fail('INVALID_CREDENTIALS', 'The email or password is wrong');
  }
  if (user.totp_enabled_at && user.totp_secret) {
    if (!input.totpCode) throw new AppError('TOTP_REQUIRED', 'Enter the code from your authenticator app');
    if (!checkTotp(user.totp_secret, input.totpCode)) return fail('TOTP_INVALID', 'The authenticator code is wrong');
  }
  if (!companyId) throw new AppError('INVALID_CREDENTIALS', 'This account has no access to any company');

  const session = await createSession(db, user.id, companyId, meta);
  await db.system(async (tx) => {
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
    await appendAudit(tx, companyId, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { ...session, userId: user.id, companyId };
}
