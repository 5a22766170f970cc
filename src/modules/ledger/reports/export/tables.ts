import type { TrialBalance } from '../../trial-balance.ts';
import type { BalanceSheet } from '../balance-sheet.ts';
import type { CashFlow } from '../cash-flow.ts';
import type { GeneralLedger } from '../general-ledger.ts';
import type { ProfitAndLoss } from '../profit-and-loss.ts';
import type { AmountPair, DimensionFilters, StatementSection } from '../report-model.ts';
import type { Labels, Word } from './labels.ts';
import type { ReportRow, ReportTable } from './report-table.ts';

const amounts = (p: AmountPair, comparing: boolean): string[] => (comparing ? [p.amount, p.compare ?? ''] : [p.amount]);

/** A statement's section: heading, account lines, a subtotal per subtype group, the section total. */
function sectionRows(section: StatementSection, title: string, labels: Labels, comparing: boolean): ReportRow[] {
  const blank = comparing ? ['', ''] : [''];
  const rows: ReportRow[] = [{ kind: 'heading', cells: ['', title, ...blank] }];
  for (const group of section.groups) {
    for (const line of group.lines) rows.push({ kind: 'line', cells: [line.code ?? '', labels.name(line), ...amounts(line, comparing)] });
    // A subtotal of one line would only repeat it.
    if (group.lines.length > 1) {
      rows.push({
        kind: 'subtotal',
        cells: ['', `${labels.word('total')} ${labels.subtype(group.subtype)}`, ...amounts(group.total, comparing)],
      });
    }
  }
  rows.push({ kind: 'total', cells: ['', `${labels.word('total')} ${title}`, ...amounts(section.total, comparing)] });
  return rows;
}

function statementColumns(labels: Labels, current: string, compare: string | null) {
  return [
    { label: labels.word('code'), numeric: false },
    { label: labels.word('account'), numeric: false },
    { label: current, numeric: true },
    ...(compare === null ? [] : [{ label: compare, numeric: true }]),
  ];
}

function subtitle(labels: Labels, currency: string, period: string, dims: DimensionFilters = {}): string[] {
  const filters = (['costCenter', 'project', 'department'] as const satisfies readonly Word[]).flatMap((key) =>
    dims[key] ? [`${labels.word(key)}: ${dims[key]}`] : [],
  );
  return [period, `${labels.word('currency')}: ${currency}`, ...filters];
}

export function balanceSheetTable(report: BalanceSheet, labels: Labels): ReportTable {
  const comparing = report.compareAt !== null;
  const at = (day: string) => `${labels.word('at')} ${day}`;
  return {
    title: labels.word('balanceSheet'),
    subtitle: subtitle(labels, report.currency, at(report.at)),
    fileName: `balance-sheet-${report.at}`,
    columns: statementColumns(labels, at(report.at), report.compareAt === null ? null : at(report.compareAt)),
    rows: [
      ...sectionRows(report.assets, labels.word('assets'), labels, comparing),
      ...sectionRows(report.liabilities, labels.word('liabilities'), labels, comparing),
      ...sectionRows(report.equity, labels.word('equity'), labels, comparing),
      { kind: 'total', cells: ['', labels.word('liabilitiesAndEquity'), ...amounts(report.liabilitiesAndEquity, comparing)] },
    ],
  };
}

export function profitAndLossTable(report: ProfitAndLoss, labels: Labels, dims: DimensionFilters): ReportTable {
  const comparing = report.compareFrom !== null || report.compareTo !== null;
  const period = labels.period(report.from, report.to);
  return {
    title: labels.word('profitAndLoss'),
    subtitle: subtitle(labels, report.currency, period, dims),
    fileName: `profit-and-loss-${report.from ?? 'start'}-${report.to ?? 'end'}`,
    columns: statementColumns(labels, period, comparing ? labels.period(report.compareFrom, report.compareTo) : null),
    rows: [
      ...sectionRows(report.income, labels.word('income'), labels, comparing),
      ...sectionRows(report.expenses, labels.word('expenses'), labels, comparing),
      { kind: 'total', cells: ['', labels.word('netResult'), ...amounts(report.netResult, comparing)] },
    ],
  };
}

export function cashFlowTable(report: CashFlow, labels: Labels): ReportTable {
  const period = labels.period(report.from, report.to);
  const total = (word: Word, value: string): ReportRow => ({ kind: 'total', cells: ['', labels.word(word), value] });
  return {
    title: labels.word('cashFlow'),
    subtitle: subtitle(labels, report.currency, period),
    fileName: `cash-flow-${report.from ?? 'start'}-${report.to ?? 'end'}`,
    columns: statementColumns(labels, period, null),
    rows: [
      ...sectionRows(report.operating, labels.word('operating'), labels, false),
      ...sectionRows(report.investing, labels.word('investing'), labels, false),
      ...sectionRows(report.financing, labels.word('financing'), labels, false),
      total('netChange', report.netChange.amount),
      total('cashOpening', report.cash.opening),
      total('cashClosing', report.cash.closing),
      total('cashChange', report.cash.change),
      total('difference', report.difference),
    ],
  };
}

export function generalLedgerTable(report: GeneralLedger, labels: Labels, dims: DimensionFilters): ReportTable {
  const rows: ReportRow[] = [];
  const linesOf = new Map<string, GeneralLedger['lines']>();
  for (const line of report.lines) linesOf.set(line.accountId, [...(linesOf.get(line.accountId) ?? []), line]);
  for (const account of report.accounts) {
    const name = labels.name(account);
    rows.push({ kind: 'heading', cells: [account.code, name, '', '', labels.word('opening'), '', '', account.opening] });
    for (const line of linesOf.get(account.accountId) ?? []) {
      rows.push({
        kind: 'line',
        cells: [
          account.code,
          name,
          line.date,
          `${line.journalCode} ${line.fiscalYear}/${line.number}`,
          line.description ?? line.memo ?? '',
          line.debit,
          line.credit,
          line.balance,
        ],
      });
    }
    rows.push({
      kind: 'subtotal',
      cells: [account.code, name, '', '', labels.word('closing'), account.debit, account.credit, account.closing],
    });
  }
  return {
    title: labels.word('generalLedger'),
    subtitle: subtitle(labels, report.currency, labels.period(report.from, report.to), dims),
    fileName: `general-ledger-${report.from ?? 'start'}-${report.to ?? 'end'}`,
    columns: [
      { label: labels.word('code'), numeric: false },
      { label: labels.word('account'), numeric: false },
      { label: labels.word('date'), numeric: false },
      { label: labels.word('entry'), numeric: false },
      { label: labels.word('description'), numeric: false },
      { label: labels.word('debit'), numeric: true },
      { label: labels.word('credit'), numeric: true },
      { label: labels.word('balance'), numeric: true },
    ],
    rows,
  };
}

export function trialBalanceTable(report: TrialBalance, labels: Labels, dims: DimensionFilters): ReportTable {
  return {
    title: labels.word('trialBalance'),
    subtitle: subtitle(labels, report.currency, labels.period(report.from, report.to), dims),
    fileName: `trial-balance-${report.from ?? 'start'}-${report.to ?? 'end'}`,
    columns: [
      { label: labels.word('code'), numeric: false },
      { label: labels.word('account'), numeric: false },
      { label: labels.word('type'), numeric: false },
      { label: labels.word('debit'), numeric: true },
      { label: labels.word('credit'), numeric: true },
      { label: labels.word('balance'), numeric: true },
    ],
    rows: [
      ...report.rows.map(
        (r): ReportRow => ({
          kind: 'line',
          cells: [r.code, r.name, labels.word(r.type), r.debit, r.credit, r.balance],
        }),
      ),
      { kind: 'total', cells: ['', labels.word('total'), '', report.totals.debit, report.totals.credit, ''] },
    ],
  };
}
