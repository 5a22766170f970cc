import type { FastifyInstance } from 'fastify';
import { moduleRoutes, registerModules } from './modules/index.ts';
import { SYSTEM_ACTOR } from './platform/audit/actor.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { sealAllAuditChains } from './platform/audit/seal.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { ensureDemo } from './platform/companies/demo.ts';
import { companiesRoutes } from './platform/companies/routes.ts';
import { type Config, loadConfig } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/open.ts';
import { buildApp } from './platform/http/app.ts';
import { jobsRoutes, registerPlatformJobs, startJobRunner } from './platform/jobs/index.ts';
import { searchRoutes } from './platform/search/routes.ts';
import { usersRoutes } from './platform/users/routes.ts';

export interface StartOptions {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  host?: string;
  adminEmail?: string;
  adminPassword?: string;
  log?: boolean;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  db: Database;
  /** The admin created on this start, with its password: shown once. */
  firstAdmin: { email: string; password: string } | null;
  close(): Promise<void>;
}

export function apiRoutes(config: Pick<Config, 'secureCookies'>) {
  return [authRoutes(config.secureCookies), usersRoutes, companiesRoutes, auditRoutes, jobsRoutes, searchRoutes, ...moduleRoutes];
}

/** Opens the engine, migrates, makes sure the demo company exists, and serves the API and the web app. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const base = loadConfig();
  const config: Config = {
    ...base,
    dataDir: options.dataDir ?? base.dataDir,
    databaseUrl: options.dataDir ? undefined : (options.databaseUrl ?? base.databaseUrl),
    port: options.port ?? base.port,
    host: options.host ?? base.host,
    logLevel: options.log === false ? 'silent' : base.logLevel,
  };
  registerModules();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    // Events a stopped process committed but did not get to seal into the audit chain.
    await sealAllAuditChains(db);
    const demo = await ensureDemo(db, SYSTEM_ACTOR, {
      email: options.adminEmail ?? process.env.TRASTIENDA_ADMIN_EMAIL,
      password: options.adminPassword ?? process.env.TRASTIENDA_ADMIN_PASSWORD,
    });
    const app = await buildApp({
      db,
      webDist: config.webDist,
      secureCookies: config.secureCookies,
      logLevel: config.logLevel,
      routes: apiRoutes(config),
    });
    registerPlatformJobs();
    const runner = startJobRunner(db, { logger: app.log });
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    return {
      url,
      app,
      db,
      firstAdmin: demo.admin,
      async close() {
        await app.close();
        await runner.stop();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
