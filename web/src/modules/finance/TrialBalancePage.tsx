import { Anchor, Badge, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { AmountCells, AmountHeaders } from './AmountColumns.tsx';
import { isDay } from './day.ts';
import { formatDecimal, fromUnits, toUnits } from './decimal.ts';
import { accountName, commodityTrialBalanceQuery, trialBalanceQuery, wholeChartQuery } from './finance-api.ts';
import { ExportButtons } from './reports/ExportButtons.tsx';

/** `accounts`: in the base currency, one row per account; `commodity`: per account and commodity, in its own units. */
type View = 'accounts' | 'commodity';

export function TrialBalancePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // Half-typed dates are not sent; an empty field means "no limit".
  const range = { from: isDay(from) ? from : '', to: isDay(to) ? to : '' };
  const [view, setView] = useState<View>('accounts');
  const report = useQuery({ ...trialBalanceQuery(range.from, range.to), enabled: view === 'accounts' });
  const chart = useQuery(wholeChartQuery('include'));
  const byId = new Map((chart.data ?? []).map((a) => [a.id, a]));
  const data = report.data;
  const money = (value: string) => formatDecimal(value, language);
  const totalBalance = data ? fromUnits((toUnits(data.totals.debit) ?? 0n) - (toUnits(data.totals.credit) ?? 0n)) : '0';
  const balanced = data ? toUnits(data.totals.debit) === toUnits(data.totals.credit) : true;

  return (
    <>
      <PageHeader
        title={t('finance.trialBalance.title')}
        description={t('finance.trialBalance.description')}
        actions={
          <Anchor component={Link} to="/finance/reports">
            {t('reports.nav')}
          </Anchor>
        }
      />
      <Stack>
        <Group align="flex-end">
          <TextInput label={t('finance.trialBalance.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label={t('finance.trialBalance.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <SegmentedControl
            aria-label={t('finance.trialBalance.view')}
            data={[
              { value: 'accounts', label: t('finance.trialBalance.viewAccounts') },
              { value: 'commodity', label: t('finance.trialBalance.viewCommodity') },
            ]}
            value={view}
            onChange={(value) => setView(value === 'commodity' ? 'commodity' : 'accounts')}
            mb={2}
          />
          {view === 'accounts' && data && (
            <Badge color={balanced ? 'green' : 'red'} variant="light" size="lg" mb={4}>
              {balanced ? t('finance.trialBalance.balanced') : t('finance.trialBalance.unbalanced')}
            </Badge>
          )}
        </Group>
        {view === 'commodity' ? (
          <CommodityTrialBalance from={range.from} to={range.to} />
        ) : (
          <>
            <ExportButtons report="trial-balance" query={range} />
            <ErrorAlert error={report.error} />
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover>
                <Table.Caption>{t('finance.trialBalance.caption', { currency: data?.currency ?? '' })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('finance.accounts.code')}</Table.Th>
                    <Table.Th scope="col">{t('finance.entries.account')}</Table.Th>
                    <Table.Th scope="col">{t('finance.accounts.type')}</Table.Th>
                    <AmountHeaders />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(data?.rows ?? []).map((row) => {
                    const account = byId.get(row.accountId);
                    return (
                      <Table.Tr key={row.accountId}>
                        <Table.Td ff="monospace">{row.code}</Table.Td>
                        <Table.Td>{account ? accountName(account, language) : row.name}</Table.Td>
                        <Table.Td>{t(`finance.types.${row.type}`)}</Table.Td>
                        <AmountCells amounts={[row.debit, row.credit, row.balance]} format={money} />
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
                {data && (
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th scope="row" colSpan={3}>
                        {t('finance.total')}
                      </Table.Th>
                      <AmountCells amounts={[data.totals.debit, data.totals.credit, totalBalance]} format={money} bold />
                    </Table.Tr>
                  </Table.Tfoot>
                )}
              </Table>
            </Table.ScrollContainer>
            {report.isPending && <Text>{t('common.loading')}</Text>}
            {report.isSuccess && data?.rows.length === 0 && <Text>{t('finance.trialBalance.empty')}</Text>}
          </>
        )}
      </Stack>
    </>
  );
}

/** One row per account and commodity, amounts in the commodity's own units (10 ACME, not their value). */
function CommodityTrialBalance({ from, to }: { from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const report = useQuery(commodityTrialBalanceQuery(from, to));
  const rows = report.data?.rows ?? [];
  const amount = (value: string) => formatDecimal(value, language);
  return (
    <>
      <ErrorAlert error={report.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover>
          <Table.Caption>{t('finance.trialBalance.commodityCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('finance.entries.account')}</Table.Th>
              <Table.Th scope="col">{t('finance.trialBalance.commodity')}</Table.Th>
              <AmountHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={`${row.account}\u0000${row.commodity}`}>
                <Table.Td ff="monospace">{row.account}</Table.Td>
                <Table.Td ff="monospace">{row.commodity}</Table.Td>
                <AmountCells amounts={[row.debit, row.credit, row.balance]} format={amount} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {report.isPending && <Text>{t('common.loading')}</Text>}
      {report.isSuccess && rows.length === 0 && <Text>{t('finance.trialBalance.empty')}</Text>}
    </>
  );
}
