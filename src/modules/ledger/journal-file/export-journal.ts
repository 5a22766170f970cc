import type { ServiceContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import type { AccountType } from '../account-model.ts';
import { formatAmount, isSimpleCommodity } from '../plain-text/amount.ts';
import type { Posting, Transaction } from '../plain-text/parse-journal.ts';
import { writeJournal } from '../plain-text/write-journal.ts';
import { decimalToAmount } from './posting-line.ts';

export interface JournalExportResult {
  accounts: number;
  prices: number;
  entries: number;
}

/** hledger's account type tags; bank and cash accounts are its `C` (cash) kind of asset. */
const TYPE_TAG: Record<AccountType, string> = { asset: 'A', liability: 'L', equity: 'E', income: 'R', expense: 'X' };
const PAGE = 2000;

const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

function commodityName(c: string): string {
  return isSimpleCommodity(c) ? c : `"${c}"`;
}

function checkAccountName(code: string): string {
  if (/^[([]|;|\t/.test(code)) throw new RangeError(`account code ${JSON.stringify(code)} cannot be written in a journal`);
  return code;
}

/**
 * Writes the company's books as an hledger journal: `account` directives with their type tags, market
 * prices as `P` directives, then every posted entry in date order. A line valued in another commodity than
 * its own carries its value as a total price (`10 ACME @@ 500 EUR`), so hledger balances each transaction
 * as we do and reports the same balances. Reads a page of entries at a time; `write` gets the text in order.
 */
export async function exportJournal(ctx: ServiceContext, write: (text: string) => Promise<void> | void): Promise<JournalExportResult> {
  return ctx.db.tenant(ctx.companyId, async (tx) => {
    const result: JournalExportResult = { accounts: 0, prices: 0, entries: 0 };
    const [company] = await tx.query<{ name: string; base_currency: string }>('SELECT name, base_currency FROM companies WHERE id = $1', [
      ctx.companyId,
    ]);
    await write(`; ${oneLine(company?.name ?? '')}: books exported by Trastienda (base currency ${company?.base_currency ?? ''})\n\n`);
    const accounts = await tx.query<{ code: string; type: AccountType; subtype: string | null; name: string }>(
      'SELECT code, type, subtype, name FROM accounts WHERE company_id = $1 ORDER BY code COLLATE "C"',
      [ctx.companyId],
    );
    for (const a of accounts) {
      const tag = a.subtype === 'cash' || a.subtype === 'bank' ? 'C' : TYPE_TAG[a.type];
      await write(`account ${checkAccountName(a.code)}  ; type: ${tag}, name: ${oneLine(a.name).replace(/[,;]/g, ' ')}\n`);
    }
    result.accounts = accounts.length;
    const prices = await tx.query<{ date: string; commodity: string; quote: string; rate: string }>(
      'SELECT date::text AS date, commodity, quote, rate::text AS rate FROM exchange_rates WHERE company_id = $1 ORDER BY date, commodity, quote',
      [ctx.companyId],
    );
    if (prices.length > 0) await write('\n');
    for (const p of prices) await write(`P ${p.date} ${commodityName(p.commodity)} ${formatAmount(decimalToAmount(p.rate, p.quote))}\n`);
    result.prices = prices.length;
    await write('\n');
    let after: [string, string, number, number] | null = null;
    for (;;) {
      const page = await entryPage(tx, ctx.companyId, after);
      if (page.length === 0) break;
      await write(writeJournal(page.map((e) => e.transaction)));
      result.entries += page.length;
      const last = page[page.length - 1] as (typeof page)[number];
      after = last.key;
    }
    return result;
  });
}

async function entryPage(
  tx: Tx,
  companyId: string,
  after: [string, string, number, number] | null,
): Promise<{ key: [string, string, number, number]; transaction: Transaction }[]> {
  const entries = await tx.query<{
    id: string;
    date: string;
    journal: string;
    fiscal_year: number;
    number: number;
    memo: string | null;
    reference: string | null;
  }>(
    `SELECT e.id, e.date::text AS date, j.code AS journal, e.fiscal_year, e.number, e.memo, e.reference
       FROM journal_entries e JOIN journals j ON j.company_id = e.company_id AND j.id = e.journal_id
      WHERE e.company_id = $1 AND e.status = 'posted'
        AND ($2::date IS NULL OR (e.date, j.code COLLATE "C", e.fiscal_year, e.number) > ($2::date, $3::text COLLATE "C", $4::int, $5::int))
      ORDER BY e.date, j.code COLLATE "C", e.fiscal_year, e.number
      LIMIT ${PAGE}`,
    [companyId, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, after?.[3] ?? null],
  );
  if (entries.length === 0) return [];
  const lines = await tx.query<{
    entry_id: string;
    code: string;
    description: string | null;
    debit: string;
    credit: string;
    currency: string;
    amount_currency: string;
    value_currency: string;
  }>(
    `SELECT l.entry_id, a.code, l.description, l.debit::text AS debit, l.credit::text AS credit, l.currency,
            l.amount_currency::text AS amount_currency, l.value_currency
       FROM journal_lines l JOIN accounts a ON a.company_id = l.company_id AND a.id = l.account_id
      WHERE l.company_id = $1 AND l.entry_id = ANY ($2::uuid[])
      ORDER BY l.entry_id, l.line_no`,
    [companyId, entries.map((e) => e.id)],
  );
  const byEntry = new Map<string, Posting[]>();
  for (const l of lines) {
    const credit = /[1-9]/.test(l.credit);
    const sign = credit ? '-' : '';
    const posting: Posting = {
      line: 0,
      status: '',
      account: checkAccountName(l.code),
      amount: decimalToAmount(`${sign}${l.amount_currency}`, l.currency),
    };
    if (l.currency !== l.value_currency) {
      posting.cost = { kind: '@@', amount: decimalToAmount(credit ? l.credit : l.debit, l.value_currency) };
    }
    if (l.description) posting.comment = l.description;
    const postings = byEntry.get(l.entry_id);
    if (postings) postings.push(posting);
    else byEntry.set(l.entry_id, [posting]);
  }
  return entries.map((e) => ({
    key: [e.date, e.journal, e.fiscal_year, e.number] as [string, string, number, number],
    transaction: {
      line: 0,
      date: e.date,
      status: '*',
      code: oneLine(e.reference ?? '').replace(/\)/g, ']'),
      description: oneLine(e.memo ?? '').replace(/;/g, ','),
      comment: `${e.journal} ${e.fiscal_year}/${e.number}`,
      postings: byEntry.get(e.id) ?? [],
    },
  }));
}
