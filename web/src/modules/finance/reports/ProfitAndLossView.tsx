import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { periodLabel } from './period-label.ts';
import { ReportStatus } from './ReportStatus.tsx';
import { type ProfitAndLoss, type ReportFilters, reportQuery, statementQuery } from './reports-api.ts';
import { StatementTable } from './StatementTable.tsx';

export function ProfitAndLossView({ filters, onAccount }: { filters: ReportFilters; onAccount: (id: string) => void }) {
  const { t } = useTranslation();
  const report = useQuery(statementQuery<ProfitAndLoss>('profit-and-loss', reportQuery('profit-and-loss', filters)));
  const data = report.data;
  if (!data) return <ReportStatus query={report} />;
  const comparing = data.compareFrom !== null || data.compareTo !== null;
  return (
    <StatementTable
      caption={t('reports.caption', { title: t('reports.views.profit-and-loss'), currency: data.currency })}
      amountLabel={periodLabel(t, data.from, data.to)}
      compareLabel={comparing ? periodLabel(t, data.compareFrom, data.compareTo) : null}
      sections={[
        { title: t('reports.sections.income'), section: data.income },
        { title: t('reports.sections.expenses'), section: data.expenses },
      ]}
      totals={[{ label: t('reports.netResult'), value: data.netResult }]}
      onAccount={onAccount}
    />
  );
}
