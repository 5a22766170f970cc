// The one data-access module: every call to the API goes through here.
// - same-origin cookies (the session), JSON in and out
// - X-CSRF-Token on unsafe methods (token from login/me responses, kept in memory only)
// - Idempotency-Key on creating POSTs, so a retried request never creates twice
// - RFC 9457 problem+json errors become a typed ApiError

export const API_BASE = '/api/v1';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(init: { status: number; code: string; title: string; detail?: string; errors?: FieldError[] }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A creating POST: sends a fresh Idempotency-Key. */
  create?: boolean;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

function asString(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function asFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    const rawPath = record.path;
    const path = Array.isArray(rawPath) ? rawPath.join('.') : asString(rawPath, '');
    return [{ path, message: asString(record.message, '') }];
  });
}

async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as Record<string, unknown>;
      return new ApiError({
        status: typeof problem.status === 'number' ? problem.status : response.status,
        code: asString(problem.code, `HTTP_${response.status}`),
        title: asString(problem.title, response.statusText || 'Request failed'),
        detail: asString(problem.detail, ''),
        errors: asFieldErrors(problem.errors),
      });
    } catch {
      // fall through to the generic error below
    }
  }
  return new ApiError({
    status: response.status,
    code: `HTTP_${response.status}`,
    title: response.statusText || 'Request failed',
  });
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (method === 'POST' && options.create) headers['Idempotency-Key'] = crypto.randomUUID();

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      title: 'Network error',
      detail: error instanceof Error ? error.message : String(error),
    });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  /** A POST that performs an action (login, retry, verify…). */
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  /** A POST that creates a resource: carries an Idempotency-Key. */
  create: <T>(path: string, body: unknown) => request<T>('POST', path, { body, create: true }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
