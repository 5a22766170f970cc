import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PgCode, pgErrorCode } from '../db/database.ts';
import { AppError, type ErrorCode, type FieldError, problemStatus } from '../errors.ts';

/** RFC 9457 problem details: the one shape every API error takes. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'The request is not valid',
  MALFORMED_REQUEST: 'The request could not be read',
  NOT_AUTHENTICATED: 'Sign-in required',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  VERSION_CONFLICT: 'Edit conflict',
  INTERNAL: 'Internal error',
};

export function problemFor(error: AppError, instance?: string): Problem {
  return {
    type: `https://trastienda.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[error.code] ?? error.code.toLowerCase().replaceAll('_', ' '),
    status: problemStatus(error.code),
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(error.errors.length ? { errors: error.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const problem = problemFor(error, reply.request.id);
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** Turns whatever was thrown into an AppError; unknown failures become INTERNAL without their details. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = err.validation.map((v) => ({
      path: [err.validationContext === 'body' ? '' : err.validationContext, v.instancePath.replace(/^\//, '').replaceAll('/', '.')]
        .filter(Boolean)
        .join('.'),
      message: v.message ?? 'is invalid',
    }));
    return new AppError('VALIDATION_FAILED', 'Some fields are not valid', errors);
  }
  const fastifyError = err as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_REQUEST', 'The body is not valid JSON');
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return new AppError('RATE_LIMITED', 'Too many requests; slow down');
    default:
      break;
  }
  if (fastifyError.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests; slow down');
  if (err instanceof SyntaxError || (fastifyError.statusCode === 400 && fastifyError.code?.startsWith('FST_ERR_CTP'))) {
    return new AppError('MALFORMED_REQUEST', 'The body is not valid JSON');
  }
  if (fastifyError.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json');
  if (fastifyError.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  switch (pgErrorCode(err)) {
    case PgCode.invalidTextRepresentation:
    case PgCode.checkViolation:
    case PgCode.notNullViolation:
      return new AppError('VALIDATION_FAILED', 'A value is not acceptable');
    case PgCode.serializationFailure:
    case PgCode.deadlock:
      return new AppError('VERSION_CONFLICT', 'Someone else changed this at the same time; try again');
    default:
      return new AppError('INTERNAL', 'Something went wrong on our side; it has been logged');
  }
}

export function errorHandler(this: unknown, err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(err);
  if (appError.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
  return sendProblem(reply, appError);
}
