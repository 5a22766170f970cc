import type { Command } from 'commander';
import { checkBalances } from '../modules/ledger/index.ts';
import { CLI_ACTOR } from '../platform/audit/actor.ts';
import { progress } from './progress.ts';
import { companyFor, withDatabase } from './shared.ts';

/**
 * `trastienda ledger check [--company SLUG] [--rebuild]`: recomputes the stored account-month balances from
 * the posted lines. Exit 0 when they agree; 1 listing each difference. With --rebuild the differences are
 * corrected (and audited), listed, and the exit is 0.
 */
export function addLedgerCheckCommand(ledger: Command): Command {
  return ledger
    .command('check')
    .description('Recompute the stored balances from the posted lines; exit 0 when they agree, 1 listing each difference')
    .option('--company <slug>')
    .option('--rebuild', 'correct every difference found (audited)')
    .action(async (opts: { company?: string; rebuild?: boolean }) => {
      const outcome = await withDatabase(async (db) => {
        const company = await companyFor(db, opts.company);
        const bar = progress(`Checking ${company.slug}`);
        try {
          const onProgress = (done: number, total: number, year: string) => bar.update(done, total, year);
          const result = await db.tenant(company.id, (tx) =>
            checkBalances(tx, company.id, opts.rebuild ? { rebuild: true, actor: CLI_ACTOR, onProgress } : { onProgress }),
          );
          return { company, result };
        } finally {
          bar.stop();
        }
      });
      const { company, result } = outcome;
      for (const d of result.differences) {
        console.log(
          `${d.accountCode} ${d.month} ${d.currency} valued in ${d.valueCurrency} ${d.purpose}: ` +
            `stored debit ${d.stored.debit} credit ${d.stored.credit} (amounts ${d.stored.quantityDebit} / ${d.stored.quantityCredit}), ` +
            `lines debit ${d.computed.debit} credit ${d.computed.credit} (amounts ${d.computed.quantityDebit} / ${d.computed.quantityCredit})`,
        );
      }
      if (result.consistent) {
        console.log(`${company.slug}: balances agree with the lines (${result.checked} account-months)`);
      } else if (result.rebuilt) {
        console.log(`${company.slug}: rebuilt ${result.differences.length} account-months from the lines`);
      } else {
        console.log(`${company.slug}: ${result.differences.length} account-months differ from the lines (fix with --rebuild)`);
        process.exitCode = 1;
      }
    });
}
