import { describe, expect, it } from 'vitest';
import { freshDatabase } from './platform/testing/engines.ts';
import { startServer } from './server.ts';

/** Several app processes on one PostgreSQL database: they start together and share sessions. */
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('several processes on one PostgreSQL database', () => {
  it('start concurrently on an empty database, migrate once, create one demo company, and share sessions', async () => {
    const scratch = await freshDatabase('postgres');
    // freshDatabase copies a migrated template; empty it so the servers race on a truly new schema.
    await scratch.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    const [{ db } = { db: '' }] = await scratch.query<{ db: string }>('SELECT current_database() AS db');
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${db}`;
    const servers = await Promise.all(
      [1, 2, 3].map(() =>
        startServer({ databaseUrl: url.toString(), port: 0, host: '127.0.0.1', log: false, adminPassword: 'shared password 123' }),
      ),
    );
    try {
      expect(servers.filter((s) => s.firstAdmin !== null)).toHaveLength(1);
      const [{ n } = { n: 0 }] = await scratch.query<{ n: number }>(`SELECT count(*)::int AS n FROM companies WHERE slug = 'demo'`);
      expect(n).toBe(1);
      const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
      const login = await fetch(`${a.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.trastienda.test', password: 'shared password 123' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const me = await fetch(`${b.url}/api/v1/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      await scratch.close();
    }
  }, 60_000);
});
