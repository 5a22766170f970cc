import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/actor.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { addUser, seedCompany, testApp } from '../testing/http.ts';
import { type Permission, ROLE_PERMISSIONS, ROLES } from './roles.ts';

interface Operation {
  method: string;
  path: string;
  permission: string;
}

/**
 * Walks every operation of the OpenAPI document × every role: no credentials → 401, a role without the
 * declared permission → 403, a role with it → anything but 401/403 (the request itself may be invalid).
 */
describeEachEngine('route access', (use) => {
  let app: FastifyInstance;
  let operations: Operation[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    const db = use();
    app = await testApp(db);
    await app.ready();
    const doc = app.swagger() as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, permission: op['x-permission'] ?? '' })),
    );
    const { company } = await seedCompany(db);
    for (const role of ROLES) {
      const user = await addUser(db, company.id, [role]);
      const token = await createApiToken({ db, companyId: company.id, actor: SYSTEM_ACTOR }, user.id, { name: role });
      tokens.set(role, token.token);
    }
  });

  it('every API operation declares its permission', () => {
    expect(operations.length).toBeGreaterThan(15);
    for (const op of operations) expect(op.permission, `${op.method} ${op.path}`).not.toBe('');
  });

  it('answers 401 / 403 / allowed exactly as declared, for every role', async () => {
    let checked = 0;
    for (const op of operations) {
      const url = op.path.replace(/\{[^}]+\}/g, () => randomUUID());
      const payload = ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined;
      if (op.permission !== 'public') {
        const anonymous = await app.inject({ method: op.method as 'GET', url, ...(payload ? { payload } : {}) });
        expect(anonymous.statusCode, `anonymous ${op.method} ${op.path}`).toBe(401);
      }
      for (const role of ROLES) {
        const allowed =
          op.permission === 'public' || op.permission === 'authenticated' || ROLE_PERMISSIONS[role].includes(op.permission as Permission);
        const res = await app.inject({
          method: op.method as 'GET',
          url,
          headers: { authorization: `Bearer ${tokens.get(role)}` },
          ...(payload ? { payload } : {}),
        });
        if (allowed) expect([401, 403], `${role} ${op.method} ${op.path} → ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${role} ${op.method} ${op.path}`).toBe(403);
        checked += 1;
      }
    }
    expect(checked).toBe(operations.length * ROLES.length);
  });
});
