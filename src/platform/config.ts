import path from 'node:path';

/** Process-wide settings, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** Directory of the embedded engine's data (ignored when databaseUrl is set). */
  dataDir: string;
  /** A PostgreSQL connection string; when present the server engine is used instead of PGlite. */
  databaseUrl: string | undefined;
  /** Directory of the built web app served at `/`. */
  webDist: string;
  /** Secure cookies only when served over HTTPS (behind a proxy that says so). */
  secureCookies: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.TRASTIENDA_DATA ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    webDist: path.resolve(env.TRASTIENDA_WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
    secureCookies: env.TRASTIENDA_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
