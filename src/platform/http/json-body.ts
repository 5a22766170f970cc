import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from '../errors.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

/**
 * JSON bodies are decoded strictly: invalid UTF-8, prototype-poisoning keys and NUL characters (which
 * PostgreSQL text cannot hold) are refused with a 400 before any route runs.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json(;.*)?$/, { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    let text: string;
    try {
      text = strictUtf8.decode(body);
    } catch {
      done(new AppError('MALFORMED_REQUEST', 'The body is not valid UTF-8'), undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      done(new AppError('MALFORMED_REQUEST', 'The body is not valid JSON'), undefined);
      return;
    }
    if (hasNul(parsed)) {
      done(new AppError('MALFORMED_REQUEST', 'The body contains NUL characters'), undefined);
      return;
    }
    done(null, parsed);
  });
}
