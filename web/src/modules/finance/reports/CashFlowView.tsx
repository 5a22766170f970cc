import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../decimal.ts';
import { periodLabel } from './period-label.ts';
import { CheckAlert, ReportStatus } from './ReportStatus.tsx';
import { type CashFlow, type ReportFilters, reportQuery, statementQuery } from './reports-api.ts';
import { StatementTable } from './StatementTable.tsx';

export function CashFlowView({ filters, onAccount }: { filters: ReportFilters; onAccount: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const report = useQuery(statementQuery<CashFlow>('cash-flow', reportQuery('cash-flow', filters)));
  const data = report.data;
  if (!data) return <ReportStatus query={report} />;
  const single = (amount: string) => ({ amount, compare: null });
  return (
    <>
      <CheckAlert
        ok={data.balanced}
        okText={t('reports.cashChecked')}
        failText={t('reports.cashUnchecked', { difference: formatDecimal(data.difference, language) })}
      />
      <StatementTable
        caption={t('reports.caption', { title: t('reports.views.cash-flow'), currency: data.currency })}
        amountLabel={periodLabel(t, data.from, data.to)}
        compareLabel={null}
        sections={[
          { title: t('reports.sections.operating'), section: data.operating },
          { title: t('reports.sections.investing'), section: data.investing },
          { title: t('reports.sections.financing'), section: data.financing },
        ]}
        totals={[
          { label: t('reports.netChange'), value: data.netChange },
          { label: t('reports.cashOpening'), value: single(data.cash.opening) },
          { label: t('reports.cashClosing'), value: single(data.cash.closing) },
          { label: t('reports.cashChange'), value: single(data.cash.change) },
          { label: t('reports.difference'), value: single(data.difference) },
        ]}
        onAccount={onAccount}
      />
    </>
  );
}
