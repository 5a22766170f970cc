import { Command, CommanderError, Option } from 'commander';
import { CLI_ACTOR } from '../platform/audit/actor.ts';
import { appendAudit } from '../platform/audit/append.ts';
import { verifyAuditChain } from '../platform/audit/verify.ts';
import { createApiToken } from '../platform/auth/api-tokens.ts';
import { backupTo } from '../platform/backup/backup.ts';
import { restoreFrom } from '../platform/backup/restore.ts';
import { createCompany, listAllCompanies } from '../platform/companies/companies.ts';
import { ensureDemo } from '../platform/companies/demo.ts';
import { createCompanyBody } from '../platform/companies/schemas.ts';
import { loadConfig } from '../platform/config.ts';
import { migrate } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { email as emailSchema, password as passwordSchema, role as roleSchema } from '../platform/http/schemas.ts';
import { createMember } from '../platform/users/members.ts';
import { addLedgerCheckCommand } from './ledger-check-command.ts';
import { addLedgerFileCommands, addReportCommands } from './ledger-commands.ts';
import { progress } from './progress.ts';
import { companyFor, parseWith, UsageError, withDatabase } from './shared.ts';

export function buildCli(): Command {
  const program = new Command('trastienda')
    .description('Trastienda back office')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('start')
    .description('Serve the API and the web app (PORT, TRASTIENDA_DATA or DATABASE_URL)')
    .action(async () => {
      // Imported here so the other commands do not load the whole HTTP stack.
      const { startServer } = await import('../server.ts');
      const server = await startServer();
      const engine = server.db.engine === 'pglite' ? `embedded PostgreSQL in ${loadConfig().dataDir}` : 'PostgreSQL server';
      console.log(`Trastienda is running on http://localhost:${new URL(server.url).port} (${engine})`);
      if (server.firstAdmin) {
        console.log('Sign in with:');
        console.log(`  email:    ${server.firstAdmin.email}`);
        console.log(`  password: ${server.firstAdmin.password}`);
        console.log('(shown once: change it under Account after signing in)');
      }
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const result = await withDatabase((db) => migrate(db));
      console.log(result.applied.length ? `Applied ${result.applied.join(', ')}` : `Up to date (${result.current})`);
    });

  program
    .command('demo')
    .description('Create the demo company and its sample data (safe to run twice)')
    .action(async () => {
      const result = await withDatabase((db) =>
        ensureDemo(db, CLI_ACTOR, { email: process.env.TRASTIENDA_ADMIN_EMAIL, password: process.env.TRASTIENDA_ADMIN_PASSWORD }),
      );
      console.log(result.companyCreated ? `Created the demo company "${result.company.name}" (demo)` : 'The demo company already exists');
      if (result.admin) console.log(`Admin: ${result.admin.email} / ${result.admin.password}`);
    });

  const company = program.command('company').description('Manage companies');
  company
    .command('create')
    .description('Create a company (with the generic chart of accounts unless --chart none)')
    .requiredOption('--slug <slug>')
    .requiredOption('--name <name>')
    .requiredOption('--currency <code>', 'base currency, ISO 4217 (EUR, USD…)')
    .option('--country <code>', 'ISO 3166 country code', 'ES')
    .option('--fiscal-year-start <month>', 'month the fiscal year starts in (1–12)', '1')
    .option('--locale <locale>', 'en or es', 'en')
    .option('--chart <template>', 'generic, es-pgc, us-gaap or none', 'generic')
    .action(
      async (opts: {
        slug: string;
        name: string;
        currency: string;
        country: string;
        fiscalYearStart: string;
        locale: string;
        chart: string;
      }) => {
        const input = parseWith(
          createCompanyBody,
          {
            slug: opts.slug,
            name: opts.name,
            baseCurrency: opts.currency.toUpperCase(),
            country: opts.country.toUpperCase(),
            fiscalYearStartMonth: Number(opts.fiscalYearStart),
            locale: opts.locale,
            chart: opts.chart,
          },
          'company create',
        );
        const created = await withDatabase((db) => createCompany(db, CLI_ACTOR, input, null));
        console.log(`Created ${created.slug} (${created.name}, ${created.baseCurrency}, ${created.country}): ${created.id}`);
      },
    );

  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user (or give an existing one access) in a company')
    .requiredOption('--email <email>')
    .requiredOption('--password <password>')
    .addOption(new Option('--role <role...>', 'one or more roles').makeOptionMandatory())
    .option('--name <name>')
    .option('--company <slug>')
    .action(async (opts: { email: string; password: string; role: string[]; name?: string; company?: string }) => {
      const email = parseWith(emailSchema, opts.email, '--email');
      const password = parseWith(passwordSchema, opts.password, '--password');
      const roles = opts.role.map((r) => parseWith(roleSchema, r, '--role'));
      const member = await withDatabase(async (db) => {
        const company = await companyFor(db, opts.company);
        return createMember(
          { db, companyId: company.id, actor: CLI_ACTOR },
          { email, password, roles, name: opts.name ?? email.split('@')[0] ?? email },
        );
      });
      console.log(`Created ${member.email} with roles ${member.roles.join(', ')}`);
    });

  const token = program.command('token').description('Manage API tokens');
  token
    .command('create')
    .description('Create an API token for a user; the token is printed on the last line')
    .requiredOption('--user <email>')
    .option('--company <slug>')
    .option('--name <name>', 'a label for the token', 'cli')
    .action(async (opts: { user: string; company?: string; name: string }) => {
      const created = await withDatabase(async (db) => {
        const company = await companyFor(db, opts.company);
        const [found] = await db.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [opts.user]);
        if (!found) throw new UsageError(`There is no user ${opts.user}`);
        return createApiToken({ db, companyId: company.id, actor: CLI_ACTOR }, found.id, { name: opts.name });
      });
      console.log(`Token "${created.name}" for ${opts.user} (shown once):`);
      console.log(created.token);
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Recompute the hash chain; exit 0 when intact, 1 naming the first broken event')
    .option('--company <slug>')
    .action(async (opts: { company?: string }) => {
      const broken = await withDatabase(async (db) => {
        const companies = opts.company ? [await companyFor(db, opts.company)] : await listAllCompanies(db);
        let failures = 0;
        for (const company of companies) {
          const bar = progress(`Verifying ${company.slug}`);
          const result = await verifyAuditChain(db, company.id, (checked) => bar.update(checked, checked));
          bar.stop();
          if (result.ok) {
            console.log(`${company.slug}: intact (${result.checked} events)`);
          } else {
            failures += 1;
            console.log(`${company.slug}: BROKEN at event ${result.firstBroken?.seq}: ${result.firstBroken?.reason}`);
          }
        }
        return failures;
      });
      if (broken > 0) process.exitCode = 1;
    });

  program
    .command('backup')
    .description('Write the whole installation to one file')
    .argument('<file>')
    .action(async (file: string) => {
      const bar = progress('Backing up');
      const header = await withDatabase((db) => backupTo(db, file, (p) => bar.update(p.rows, p.totalRows, p.table)));
      bar.stop();
      const rows = header.tables.reduce((s, t) => s + t.rows, 0);
      console.log(`Wrote ${file}: ${rows} rows in ${header.tables.length} tables`);
    });

  program
    .command('restore')
    .description('Load a backup into an empty installation (embedded or DATABASE_URL)')
    .argument('<file>')
    .action(async (file: string) => {
      const bar = progress('Restoring');
      const header = await withDatabase(async (db) => {
        const restored = await restoreFrom(db, file, (p) => bar.update(p.rows, p.totalRows, p.table));
        bar.stop();
        for (const company of await listAllCompanies(db)) {
          const result = await verifyAuditChain(db, company.id);
          if (!result.ok)
            throw new AppError(
              'INVALID_STATE',
              `Restored, but the audit chain of ${company.slug} does not verify at ${result.firstBroken?.seq}`,
            );
          await db.system((tx) =>
            appendAudit(tx, company.id, CLI_ACTOR, {
              action: 'installation.restored',
              entityType: 'company',
              entityId: company.id,
              after: { file: file.split('/').at(-1), createdAt: restored.createdAt },
            }),
          );
        }
        return restored;
      });
      const rows = header.tables.reduce((s, t) => s + t.rows, 0);
      console.log(`Restored ${rows} rows from a backup of ${header.createdAt}; audit chains verified`);
    });

  const ledger = program.command('ledger').description('The general ledger: plain-text journals in and out');
  addLedgerFileCommands(ledger);
  addLedgerCheckCommand(ledger);
  addReportCommands(program.command('report').description('Accounting reports'));

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
