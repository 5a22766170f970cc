import fs from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import {
  type CommodityTrialBalanceRow,
  commodityTrialBalance,
  exportJournal,
  fileSource,
  formatOf,
  importJournal,
} from '../modules/ledger/index.ts';
import { CLI_ACTOR } from '../platform/audit/actor.ts';
import type { ServiceContext } from '../platform/context.ts';
import { progress } from './progress.ts';
import { companyFor, UsageError, withDatabase } from './shared.ts';

const isoDate = (flag: string) => (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`${flag} must be a date as YYYY-MM-DD, not "${value}"`);
  }
  return value;
};

/** `ledger import` and `ledger export`: plain-text accounting files in and out. */
export function addLedgerFileCommands(ledger: Command): void {
  ledger
    .command('import')
    .description('Import an hledger/ledger journal (or a CSV of postings) as posted entries, all or nothing')
    .argument('<file>')
    .requiredOption('--company <slug>')
    .addOption(new Option('--format <format>', 'journal or csv (default: from the file name)').choices(['journal', 'csv']))
    .option('--journal <code>', 'the journal the entries go to', 'GEN')
    .action(async (file: string, opts: { company: string; format?: string; journal: string }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`There is no file ${file}`);
      const source = fileSource(file, formatOf(file, opts.format));
      const bar = progress(`Importing ${source.name}`);
      const result = await withDatabase(async (db) => {
        const company = await companyFor(db, opts.company);
        const ctx: ServiceContext = { db, companyId: company.id, actor: CLI_ACTOR };
        try {
          return await importJournal(ctx, source, {
            journalCode: opts.journal,
            onProgress: (p) => bar.update(p.bytes, p.totalBytes, p.phase),
          });
        } finally {
          bar.stop();
        }
      });
      const period = result.firstDate ? `, ${result.firstDate} to ${result.lastDate}` : '';
      console.log(
        `Imported ${result.entries} entries (${result.lines} lines${period}) into journal ${result.journalCode}; ` +
          `${result.accountsCreated} accounts created, ${result.prices} market prices` +
          (result.skipped > 0 ? `; ${result.skipped} transactions with only zero amounts skipped` : ''),
      );
    });

  ledger
    .command('export')
    .description('Write the posted entries as a journal that hledger and ledger-cli read')
    .requiredOption('--company <slug>')
    .addOption(new Option('--format <format>').choices(['journal']).default('journal'))
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: { company: string; output?: string }) => {
      const out = opts.output ? fs.createWriteStream(opts.output) : process.stdout;
      const write = (text: string) =>
        new Promise<void>((resolve, reject) => {
          out.write(text, (err) => (err ? reject(err) : resolve()));
        });
      const result = await withDatabase(async (db) => {
        const company = await companyFor(db, opts.company);
        return exportJournal({ db, companyId: company.id, actor: CLI_ACTOR }, write);
      });
      if (opts.output) {
        await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
        console.error(`Wrote ${opts.output}: ${result.entries} entries, ${result.accounts} accounts, ${result.prices} market prices`);
      }
    });
}

/** `report trial-balance`: balances per account and commodity, as plain-text accounting tools print them. */
export function addReportCommands(report: Command): void {
  report
    .command('trial-balance')
    .description('Debits, credits and balance per account and commodity, in the commodity’s own units')
    .requiredOption('--company <slug>')
    .option('--from <date>', 'first date (YYYY-MM-DD)', isoDate('--from'))
    .option('--to <date>', 'last date (YYYY-MM-DD)', isoDate('--to'))
    .addOption(new Option('--format <format>').choices(['json', 'csv', 'table']).default('table'))
    .action(async (opts: { company: string; from?: string; to?: string; format: 'json' | 'csv' | 'table' }) => {
      const rows = await withDatabase(async (db) => {
        const company = await companyFor(db, opts.company);
        return commodityTrialBalance({ db, companyId: company.id, actor: CLI_ACTOR }, { from: opts.from, to: opts.to });
      });
      process.stdout.write(renderTrialBalance(rows, opts.format));
    });
}

export function renderTrialBalance(rows: CommodityTrialBalanceRow[], format: 'json' | 'csv' | 'table'): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const header = ['account', 'commodity', 'debit', 'credit', 'balance'] as const;
  if (format === 'csv') return stringify([header, ...rows.map((r) => header.map((h) => r[h]))]);
  const cells = [header.map(String), ...rows.map((r) => header.map((h) => r[h]))];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i < 2 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')}\n`;
}
