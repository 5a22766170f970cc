import canonicalize from 'canonicalize';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { sha256Hex } from '../ids.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const ABANDONED_AFTER_SECONDS = 120;

interface Claim {
  companyId: string;
  userId: string;
  key: string;
}

const claims = new WeakMap<FastifyRequest, Claim>();

interface StoredRow {
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  response_type: string | null;
}

/**
 * `Idempotency-Key` on creating POSTs: the first request with a key claims it; a retry with the same body
 * gets the stored response and writes nothing; a retry with another body is refused with 422. Only
 * successful responses are kept, so a corrected request after an error can reuse its key.
 */
export function registerIdempotency(app: FastifyInstance, db: Database): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.idempotent) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 visible ASCII characters', [
        { path: 'Idempotency-Key', message: 'is invalid' },
      ]);
    }
    const principal = request.principal;
    if (!principal) return;
    const claim = { companyId: principal.companyId, userId: principal.userId, key };
    const requestHash = sha256Hex(`${request.method} ${request.routeOptions.url}\n${canonicalize(request.body ?? null) ?? ''}`);
    const stored = await db.tenant(claim.companyId, async (tx) => {
      // A claim left pending by a process that died mid-request must not block the key for ever.
      await tx.query(
        `DELETE FROM idempotency_keys WHERE company_id = $1 AND user_id = $2 AND key = $3
            AND status_code IS NULL AND created_at < now() - interval '${ABANDONED_AFTER_SECONDS} seconds'`,
        [claim.companyId, claim.userId, key],
      );
      const inserted = await tx.query(
        `INSERT INTO idempotency_keys (company_id, user_id, key, method, path, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING key`,
        [claim.companyId, claim.userId, key, request.method, request.url, requestHash],
      );
      if (inserted.length > 0) return null;
      const [row] = await tx.query<StoredRow>(
        'SELECT request_hash, status_code, response_body, response_type FROM idempotency_keys WHERE company_id = $1 AND user_id = $2 AND key = $3',
        [claim.companyId, claim.userId, key],
      );
      return row ?? null;
    });
    if (!stored) {
      claims.set(request, claim);
      return;
    }
    if (stored.request_hash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request');
    }
    if (stored.status_code === null) {
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');
    }
    await replay(reply, stored);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    await db.tenant(claim.companyId, async (tx) => {
      if (reply.statusCode >= 200 && reply.statusCode < 300) {
        await tx.query(
          `UPDATE idempotency_keys SET status_code = $4, response_body = $5, response_type = $6, completed_at = now()
            WHERE company_id = $1 AND user_id = $2 AND key = $3`,
          [
            claim.companyId,
            claim.userId,
            claim.key,
            reply.statusCode,
            typeof payload === 'string' ? payload : null,
            String(reply.getHeader('content-type') ?? ''),
          ],
        );
      } else {
        await tx.query('DELETE FROM idempotency_keys WHERE company_id = $1 AND user_id = $2 AND key = $3', [
          claim.companyId,
          claim.userId,
          claim.key,
        ]);
      }
    });
    return payload;
  });
}

async function replay(reply: FastifyReply, stored: StoredRow): Promise<void> {
  reply.header('idempotent-replayed', 'true');
  if (stored.response_type) reply.type(stored.response_type);
  await reply.status(stored.status_code ?? 200).send(stored.response_body ?? undefined);
}
