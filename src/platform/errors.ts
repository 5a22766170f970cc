/**
 * Typed application errors. Every code maps to an HTTP status in `problemStatus` with an exhaustive
 * switch, so adding a code without deciding its status fails the type check instead of becoming a 500.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_AUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOTP_REQUIRED'
  | 'TOTP_INVALID'
  | 'ACCOUNT_LOCKED'
  | 'CSRF_FAILED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ROUTE_NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'VERSION_CONFLICT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'INVALID_STATE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function problemStatus(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_REQUEST':
      return 400;
    case 'NOT_AUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'TOTP_REQUIRED':
    case 'TOTP_INVALID':
      return 401;
    case 'CSRF_FAILED':
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
      return 404;
    case 'ALREADY_EXISTS':
    case 'VERSION_CONFLICT':
    case 'IDEMPOTENCY_IN_PROGRESS':
    case 'INVALID_STATE':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'IDEMPOTENCY_KEY_REUSED':
      return 422;
    case 'ACCOUNT_LOCKED':
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`Unmapped error code ${String(unhandled)}`);
    }
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('FORBIDDEN', message);
export const versionConflict = (what: string) =>
  new AppError('VERSION_CONFLICT', `${what} was changed by someone else; reload it and try again`);
