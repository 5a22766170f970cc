import { Anchor, Select, Table } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { PagedListFooter } from '../../../app/ui/PagedListFooter.tsx';
import { formatDay } from '../day.ts';
import { formatDecimal } from '../decimal.ts';
import { accountName, wholeChartQuery } from '../finance-api.ts';
import { generalLedgerQuery, type LedgerAccountSummary, type ReportFilters, reportQuery } from './reports-api.ts';

interface GeneralLedgerViewProps {
  filters: ReportFilters;
  accountId: string | null;
  onAccount: (id: string | null) => void;
  onEntry: (id: string) => void;
}

/** Without an account: each account's opening, movements and closing. With one: its lines and running balance. */
export function GeneralLedgerView({ filters, accountId, onAccount, onEntry }: GeneralLedgerViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const chart = useQuery(wholeChartQuery('include'));
  const ledger = useInfiniteQuery(generalLedgerQuery(reportQuery('general-ledger', filters, accountId ?? undefined)));
  const pages = ledger.data?.pages ?? [];
  const accounts = pages[0]?.accounts ?? [];
  const lines = pages.flatMap((p) => p.lines);
  const currency = pages[0]?.currency ?? '';
  const money = (value: string, bold = false) => (
    <Table.Td ta="right" ff="monospace" fw={bold ? 700 : undefined}>
      {formatDecimal(value, language)}
    </Table.Td>
  );
  const amountHeads = (
    <>
      <Table.Th scope="col" ta="right">
        {t('reports.debit')}
      </Table.Th>
      <Table.Th scope="col" ta="right">
        {t('reports.credit')}
      </Table.Th>
    </>
  );

  const picker = (
    <Select
      label={t('reports.account')}
      placeholder={t('reports.allAccounts')}
      searchable
      clearable
      maw={420}
      value={accountId}
      onChange={(value) => onAccount(value)}
      data={(chart.data ?? []).map((a) => ({ value: a.id, label: `${a.code} — ${accountName(a, language)}` }))}
    />
  );

  if (accountId === null) {
    return (
      <>
        {picker}
        <ErrorAlert error={ledger.error} />
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('reports.ledgerSummaryCaption', { currency })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reports.code')}</Table.Th>
                <Table.Th scope="col">{t('reports.account')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('reports.opening')}
                </Table.Th>
                {amountHeads}
                <Table.Th scope="col" ta="right">
                  {t('reports.closing')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.map((a: LedgerAccountSummary) => (
                <Table.Tr key={a.accountId}>
                  <Table.Td ff="monospace">{a.code}</Table.Td>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => onAccount(a.accountId)}>
                      {accountName(a, language)}
                    </Anchor>
                  </Table.Td>
                  {money(a.opening)}
                  {money(a.debit)}
                  {money(a.credit)}
                  {money(a.closing)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={{ ...ledger, hasNextPage: false }} count={accounts.length} empty={t('reports.empty')} />
      </>
    );
  }

  const account = accounts[0];
  return (
    <>
      {picker}
      <ErrorAlert error={ledger.error} />
      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover>
          <Table.Caption>
            {t('reports.ledgerCaption', { account: account ? `${account.code} ${accountName(account, language)}` : '', currency })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.date')}</Table.Th>
              <Table.Th scope="col">{t('reports.entry')}</Table.Th>
              <Table.Th scope="col">{t('reports.concept')}</Table.Th>
              {amountHeads}
              <Table.Th scope="col" ta="right">
                {t('reports.balance')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" colSpan={5}>
                {t('reports.opening')}
              </Table.Th>
              {money(account?.opening ?? '0', true)}
            </Table.Tr>
            {lines.map((line) => {
              const number = `${line.journalCode} ${line.fiscalYear}/${line.number}`;
              return (
                <Table.Tr key={`${line.entryId}-${line.lineNo}`}>
                  <Table.Td>{formatDay(line.date)}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      ff="monospace"
                      onClick={() => onEntry(line.entryId)}
                      aria-label={t('reports.openEntry', { number })}
                    >
                      {number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{line.description ?? line.memo ?? ''}</Table.Td>
                  {money(line.debit)}
                  {money(line.credit)}
                  {money(line.balance)}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          {account && !ledger.hasNextPage && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" colSpan={3}>
                  {t('reports.closing')}
                </Table.Th>
                {money(account.debit, true)}
                {money(account.credit, true)}
                {money(account.closing, true)}
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
      <PagedListFooter query={ledger} count={lines.length} empty={t('reports.noLines')} />
    </>
  );
}
