import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../db/migrate.ts';
import { isPgliteDatabase, openPglite } from '../db/pglite-engine.ts';
import { openPostgres } from '../db/postgres-engine.ts';
import { adminUrl, databaseUrlFor } from './postgres-urls.ts';

/**
 * Migrates one template per engine once per run; every test file then copies it (PGlite: a data-dir
 * dump; PostgreSQL: CREATE DATABASE … TEMPLATE), which is far cheaper than initdb + migrations each time.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-test-'));
  const pglite = await openPglite({});
  await migrate(pglite);
  if (!isPgliteDatabase(pglite)) throw new Error('expected PGlite');
  const dump = Buffer.from(await (await pglite.dump()).arrayBuffer());
  await pglite.close();
  const templateFile = path.join(dir, 'template.tar.gz');
  fs.writeFileSync(templateFile, dump);
  project.provide('pgliteTemplate', templateFile);

  const serverUrl = process.env.TEST_DATABASE_URL;
  let templateDb: string | null = null;
  if (serverUrl) {
    templateDb = `trastienda_tpl_${process.pid}`;
    const admin = openPostgres(adminUrl(serverUrl), 1);
    await admin.exec(`DROP DATABASE IF EXISTS ${templateDb}`);
    await admin.exec(`CREATE DATABASE ${templateDb}`);
    const template = openPostgres(databaseUrlFor(serverUrl, templateDb), 1);
    await migrate(template);
    await template.close();
    await admin.close();
  }
  project.provide('postgresTemplate', templateDb);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (serverUrl && templateDb) {
      const admin = openPostgres(adminUrl(serverUrl), 1);
      // This run's template and the copies named after it; other runs' databases are left alone.
      const leftovers = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
        templateDb,
      ]);
      for (const { datname } of leftovers) await admin.exec(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.close();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}
