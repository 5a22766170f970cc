import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, expect, it, vi } from 'vitest';
import { applyChartTemplate, postNewEntry } from '../modules/ledger/index.ts';
import { SYSTEM_ACTOR } from '../platform/audit/actor.ts';
import { createCompany } from '../platform/companies/companies.ts';
import { migrate } from '../platform/db/migrate.ts';
import { openPglite } from '../platform/db/pglite-engine.ts';
import { addLedgerCheckCommand } from './ledger-check-command.ts';
import { UsageError } from './shared.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trastienda-ledger-check-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** `trastienda ledger check …` as the CLI runs it: exit 0, 1 (set by the command) or 2 (usage). */
async function run(...argv: string[]) {
  const program = new Command('trastienda').exitOverride();
  addLedgerCheckCommand(program.command('ledger'));
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.exitCode = undefined;
  try {
    await program.parseAsync(['ledger', 'check', ...argv], { from: 'user' });
    return { code: typeof process.exitCode === 'number' ? process.exitCode : 0, out: out.join('\n') };
  } catch (err) {
    if (err instanceof UsageError) return { code: 2, out: err.message };
    throw err;
  } finally {
    process.exitCode = undefined;
    log.mockRestore();
    write.mockRestore();
  }
}

async function withData<T>(fn: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<T>): Promise<T> {
  const db = await openPglite({ dataDir });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

it('checks balances against the lines: exit 0 when they agree, 1 listing a corrupted row, and --rebuild fixes it', async () => {
  vi.stubEnv('TRASTIENDA_DATA', dataDir);
  vi.stubEnv('DATABASE_URL', '');
  try {
    await withData(async (db) => {
      const company = await createCompany(
        db,
        SYSTEM_ACTOR,
        { slug: 'shop', name: 'Shop', baseCurrency: 'EUR', country: 'ES', fiscalYearStartMonth: 1, locale: 'en' },
        null,
      );
      await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, 'generic'));
      const ctx = { db, companyId: company.id, actor: SYSTEM_ACTOR };
      for (const date of ['2025-03-04', '2025-03-20', '2026-01-02']) {
        await postNewEntry(ctx, {
          journalCode: 'GEN',
          date,
          lines: [
            { accountCode: '1200', debit: '19.99' },
            { accountCode: '4100', credit: '19.99' },
          ],
        });
      }
    });
    expect(await run('--company', 'shop')).toMatchObject({ code: 0, out: expect.stringContaining('balances agree with the lines') });
    expect(await run('--company', 'nope')).toMatchObject({ code: 2, out: expect.stringContaining('no company with the slug "nope"') });

    // Corrupted behind the app's back, as the superuser.
    await withData((db) =>
      db.system((tx) => tx.query(`UPDATE ledger_balances SET credit = credit + 5 WHERE month = '2025-03-01' AND credit > 0`)),
    );
    const broken = await run('--company', 'shop');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(
      '4100 2025-03 EUR valued in EUR normal: stored debit 0.0000000000 credit 44.9800000000 (amounts 0.0000000000 / 39.9800000000), lines debit 0.0000000000 credit 39.9800000000 (amounts 0.0000000000 / 39.9800000000)',
    );
    expect(broken.out).toContain('1 account-months differ');

    const rebuilt = await run('--company', 'shop', '--rebuild');
    expect(rebuilt).toMatchObject({ code: 0, out: expect.stringContaining('rebuilt 1 account-months') });
    expect(await run()).toMatchObject({ code: 0, out: expect.stringContaining('shop: balances agree') });
    const [audit] = await withData((db) =>
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'ledger.balances.rebuilt'`),
    );
    expect(audit?.n).toBe(1);
  } finally {
    vi.unstubAllEnvs();
  }
}, 60_000);
