import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../day.ts';
import { formatDecimal } from '../decimal.ts';
import { CheckAlert, ReportStatus } from './ReportStatus.tsx';
import { type BalanceSheet, type ReportFilters, reportQuery, statementQuery } from './reports-api.ts';
import { StatementTable } from './StatementTable.tsx';

export function BalanceSheetView({ filters, onAccount }: { filters: ReportFilters; onAccount: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const report = useQuery(statementQuery<BalanceSheet>('balance-sheet', reportQuery('balance-sheet', filters)));
  const data = report.data;
  if (!data) return <ReportStatus query={report} />;
  const at = (day: string) => t('reports.atDate', { date: formatDay(day) });
  return (
    <>
      <CheckAlert
        ok={data.balanced}
        okText={t('reports.balanced')}
        failText={t('reports.unbalanced', { difference: formatDecimal(data.difference.amount, language) })}
      />
      <StatementTable
        caption={t('reports.caption', { title: t('reports.views.balance-sheet'), currency: data.currency })}
        amountLabel={at(data.at)}
        compareLabel={data.compareAt ? at(data.compareAt) : null}
        sections={[
          { title: t('reports.sections.assets'), section: data.assets },
          { title: t('reports.sections.liabilities'), section: data.liabilities },
          { title: t('reports.sections.equity'), section: data.equity },
        ]}
        totals={[{ label: t('reports.liabilitiesAndEquity'), value: data.liabilitiesAndEquity }]}
        onAccount={onAccount}
      />
    </>
  );
}
