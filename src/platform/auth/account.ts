import { appendAudit } from '../audit/append.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { revokeAllSessions } from './sessions.ts';
import { checkTotp, newTotpSecret } from './totp.ts';

/** A user's own security settings: password and two-factor authentication. */

async function loadSecrets(ctx: ServiceContext, userId: string) {
  const [row] = await ctx.db.query<{ email: string; password_hash: string; totp_secret: string | null; totp_enabled_at: Date | null }>(
    'SELECT email, password_hash, totp_secret, totp_enabled_at FROM users WHERE id = $1',
    [userId],
  );
  if (!row) throw new AppError('NOT_AUTHENTICATED', 'Unknown user');
  return row;
}

const wrongPassword = (path: string) => new AppError('VALIDATION_FAILED', 'The current password is wrong', [{ path, message: 'is wrong' }]);

export async function changePassword(
  ctx: ServiceContext,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
): Promise<void> {
  const user = await loadSecrets(ctx, userId);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw wrongPassword('currentPassword');
  if (input.currentPassword === input.newPassword) {
    throw new AppError('VALIDATION_FAILED', 'The new password must differ from the current one', [
      { path: 'newPassword', message: 'must differ from the current password' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.system(async (tx) => {
    await tx.query(
      'UPDATE users SET password_hash = $2, password_changed_at = now(), version = version + 1, updated_at = now() WHERE id = $1',
      [userId, passwordHash],
    );
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'user.password_changed', entityType: 'user', entityId: userId });
  });
  // Other sessions may belong to whoever knew the old password.
  await revokeAllSessions(ctx.db, userId, keepSessionId);
}

export async function setupTotp(ctx: ServiceContext, userId: string): Promise<{ secret: string; otpauthUri: string }> {
  const user = await loadSecrets(ctx, userId);
  if (user.totp_enabled_at) throw new AppError('INVALID_STATE', 'Two-factor authentication is already on; turn it off first');
  const fresh = newTotpSecret(user.email);
  await ctx.db.query('UPDATE users SET totp_secret = $2 WHERE id = $1', [userId, fresh.secret]);
  return fresh;
}

export async function enableTotp(ctx: ServiceContext, userId: string, code: string): Promise<void> {
  const user = await loadSecrets(ctx, userId);
  if (user.totp_enabled_at) throw new AppError('INVALID_STATE', 'Two-factor authentication is already on');
  if (!user.totp_secret) throw new AppError('INVALID_STATE', 'Start the two-factor setup first');
  if (!checkTotp(user.totp_secret, code)) {
    throw new AppError('VALIDATION_FAILED', 'The code is wrong', [
      { path: 'code', message: 'does not match; check the clock of your device' },
    ]);
  }
  await ctx.db.system(async (tx) => {
    await tx.query('UPDATE users SET totp_enabled_at = now(), version = version + 1 WHERE id = $1', [userId]);
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'user.totp_enabled', entityType: 'user', entityId: userId });
  });
}

export async function disableTotp(ctx: ServiceContext, userId: string, password: string): Promise<void> {
  const user = await loadSecrets(ctx, userId);
  if (!user.totp_enabled_at) throw new AppError('INVALID_STATE', 'Two-factor authentication is not on');
  if (!(await verifyPassword(user.password_hash, password))) throw wrongPassword('password');
  await ctx.db.system(async (tx) => {
    await tx.query('UPDATE users SET totp_enabled_at = NULL, totp_secret = NULL, version = version + 1 WHERE id = $1', [userId]);
    await appendAudit(tx, ctx.companyId, ctx.actor, { action: 'user.totp_disabled', entityType: 'user', entityId: userId });
  });
}
