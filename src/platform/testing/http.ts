import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { apiRoutes } from '../../server.ts';
import { SYSTEM_ACTOR } from '../audit/actor.ts';
import { createCompany } from '../companies/companies.ts';
import type { Database } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { createMember } from '../users/members.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** The real app on a test database, driven with `inject` (no socket). */
export function testApp(db: Database): Promise<FastifyInstance> {
  return buildApp({ db, webDist: '/nonexistent', secureCookies: false, logLevel: 'silent', routes: apiRoutes({ secureCookies: false }) });
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A company with one admin, ready to sign in. */
export async function seedCompany(db: Database, roles: string[] = ['admin']) {
  const company = await createCompany(
    db,
    SYSTEM_ACTOR,
    { slug: unique('co-'), name: 'Test Company', baseCurrency: 'EUR', country: 'ES', fiscalYearStartMonth: 1, locale: 'en' },
    null,
  );
  const user = await addUser(db, company.id, roles);
  return { company, user };
}

export async function addUser(db: Database, companyId: string, roles: string[], email = `${unique('u')}@example.com`) {
  return createMember({ db, companyId, actor: SYSTEM_ACTOR }, { email, name: 'Test User', password: TEST_PASSWORD, roles });
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated write. */
  headers: Record<string, string>;
}

export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no session cookie');
  return first.split(';')[0] as string;
}

export async function count(db: Database, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return row?.n ?? 0;
}
