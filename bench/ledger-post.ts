/**
 * Posting under load: the real server on PostgreSQL, 64 connections POSTing single balanced entries to
 * /api/v1/ledger/entries for ~20 s, half of them to the one cash account (the hot-account case). Reports
 * entries/s, p50/p99 latency and errors, then verifies that every entry balances and that the stored
 * balances equal the sum of the lines (checkBalances).
 *
 * Run: `TEST_DATABASE_URL=postgres://… npm run bench:ledger-post [-- SECONDS]` (or DATABASE_URL). It works
 * in a fresh database of its own, created on that server and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { checkBalances } from '../src/modules/ledger/index.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit/actor.ts';
import { createApiToken } from '../src/platform/auth/api-tokens.ts';
import { createCompany } from '../src/platform/companies/companies.ts';
import { openPostgres } from '../src/platform/db/postgres-engine.ts';
import { adminUrl, databaseUrlFor } from '../src/platform/testing/postgres-urls.ts';
import { createMember } from '../src/platform/users/members.ts';
import { startServer } from '../src/server.ts';

const seconds = Number(process.argv[2] ?? 20);
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('Set TEST_DATABASE_URL or DATABASE_URL to a PostgreSQL server: the benchmark creates its own database there.');
  process.exit(2);
}

const CASH = '1100';
const OTHERS = ['1200', '1300', '1400', '1500', '2100', '2200', '2300', '4100', '4200', '5100', '6100', '6200', '6300', '6400', '6500'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
function twoOthers(): [string, string] {
  const debit = pick(OTHERS);
  return [debit, pick(OTHERS.filter((c) => c !== debit))];
}

const name = `trastienda_bench_${randomBytes(4).toString('hex')}`;
const admin = openPostgres(adminUrl(serverUrl), 1);
await admin.exec(`CREATE DATABASE ${name}`);
const databaseUrl = databaseUrlFor(serverUrl, name);
const server = await startServer({ databaseUrl, port: 0, host: '127.0.0.1', log: false });
let exitCode = 0;
try {
  // A company of its own with the generic chart (the demo company uses the Spanish one).
  const company = await createCompany(
    server.db,
    SYSTEM_ACTOR,
    { slug: 'bench', name: 'Bench', baseCurrency: 'EUR', country: 'ES', fiscalYearStartMonth: 1, locale: 'en', chart: 'generic' },
    null,
  );
  const ctx = { db: server.db, companyId: company.id, actor: SYSTEM_ACTOR };
  const user = await createMember(ctx, { email: 'bench@trastienda.test', password: 'bench-password-123', name: 'Bench', roles: ['admin'] });
  const { token } = await createApiToken(ctx, user.id, { name: 'bench' });
  const [before] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM journal_entries WHERE company_id = $1', [
    company.id,
  ]);

  let sent = 0;
  const result = await autocannon({
    url: server.url,
    connections: 64,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/ledger/entries',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (request) => {
          sent += 1;
          // Every other entry moves money through the cash account; the rest between two other accounts.
          const [debit, credit] = sent % 2 === 0 ? [CASH, pick(OTHERS)] : twoOthers();
          const cents = 1 + Math.floor(Math.random() * 1_000_000);
          const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
          const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
          const body = {
            journalCode: 'GEN',
            date: `2026-${String(1 + (sent % 12)).padStart(2, '0')}-${day}`,
            memo: `bench ${sent}`,
            lines: [
              { accountCode: debit, debit: value },
              { accountCode: credit, credit: value },
            ],
          };
          return { ...request, body: JSON.stringify(body) };
        },
      },
    ],
  });

  const [after] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM journal_entries WHERE company_id = $1', [
    company.id,
  ]);
  const posted = (after?.n ?? 0) - (before?.n ?? 0);
  const [unbalanced] = await server.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT l.entry_id FROM journal_lines l JOIN journal_entries e ON e.company_id = l.company_id AND e.id = l.entry_id
        WHERE l.company_id = $1 AND e.status = 'posted'
        GROUP BY l.entry_id, l.value_currency HAVING sum(l.debit) <> sum(l.credit)) x`,
    [company.id],
  );
  const check = await server.db.tenant(company.id, (tx) => checkBalances(tx, company.id));
  const [hot] = await server.db.query<{ rows: number }>(
    `SELECT max(n)::int AS rows FROM (SELECT count(*) AS n FROM ledger_balances WHERE company_id = $1 GROUP BY month, account_id, value_currency, purpose) x`,
    [company.id],
  );

  console.log(`POST /api/v1/ledger/entries, 64 connections, ${result.duration.toFixed(1)} s, half to cash account ${CASH}`);
  console.log(`  entries posted:   ${posted} (${(posted / result.duration).toFixed(0)} entries/s; ${result['2xx']} 2xx responses)`);
  console.log(`  latency:          p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(`  errors:           ${result.errors} connection errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  console.log(`  unbalanced:       ${unbalanced?.n ?? 0} entries`);
  console.log(
    `  balances check:   ${check.consistent ? 'equal to the lines' : `${check.differences.length} DIFFERENCES`} (${check.checked} account-months; at most ${hot?.rows ?? 0} rows per account-month)`,
  );
  if (!check.consistent || (unbalanced?.n ?? 0) > 0 || result.errors > 0 || result.non2xx > 0) exitCode = 1;
} finally {
  await server.close();
  await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.close();
}
process.exit(exitCode);
