import { Anchor, Group, Stack, Switch, Tabs, TextInput } from '@mantine/core';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth.ts';
import { PageHeader } from '../../../app/ui/PageHeader.tsx';
import { isDay, today } from '../day.ts';
import { EntryDrawer } from '../EntryDrawer.tsx';
import { BalanceSheetView } from './BalanceSheetView.tsx';
import { CashFlowView } from './CashFlowView.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { GeneralLedgerView } from './GeneralLedgerView.tsx';
import { ProfitAndLossView } from './ProfitAndLossView.tsx';
import { REPORT_VIEWS, type ReportFilters, type ReportView, reportQuery } from './reports-api.ts';

export interface ReportsSearch {
  view?: ReportView;
  accountId?: string;
}

export function validateReportsSearch(search: Record<string, unknown>): ReportsSearch {
  const view = REPORT_VIEWS.find((v) => v === search.view);
  const accountId = typeof search.accountId === 'string' && /^[0-9a-f-]{36}$/i.test(search.accountId) ? search.accountId : undefined;
  return { ...(view ? { view } : {}), ...(accountId ? { accountId } : {}) };
}

/** The same day a year earlier (29 February becomes the 28th). */
const yearBefore = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4) === '-02-29' ? '-02-28' : day.slice(4)}`;

/** Half-typed dates are not sent: an incomplete field counts as empty ("no limit"). */
const complete = (f: ReportFilters): ReportFilters => ({
  ...f,
  from: isDay(f.from) ? f.from : '',
  to: isDay(f.to) ? f.to : '',
  compareFrom: isDay(f.compareFrom) ? f.compareFrom : '',
  compareTo: isDay(f.compareTo) ? f.compareTo : '',
});

export function ReportsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const search = useSearch({ from: '/app/finance/reports' });
  const navigate = useNavigate({ from: '/finance/reports' });
  const view = search.view ?? 'balance-sheet';
  const accountId = search.accountId ?? null;
  const [openEntry, setOpenEntry] = useState<string | null>(null);
  const end = today();
  const start = `${end.slice(0, 4)}-01-01`;
  const [form, setForm] = useState<ReportFilters>({
    from: start,
    to: end,
    compare: false,
    compareFrom: yearBefore(start),
    compareTo: yearBefore(end),
    costCenter: '',
    project: '',
    department: '',
  });
  const filters = complete(form);
  const set = (key: keyof ReportFilters) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = key === 'compare' ? e.currentTarget.checked : e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const show = (next: ReportView, account: string | null = null) =>
    void navigate({ search: { view: next, ...(account ? { accountId: account } : {}) } });
  const openLedger = (id: string | null) => show('general-ledger', id);

  const atDate = view === 'balance-sheet';
  const comparable = view === 'balance-sheet' || view === 'profit-and-loss';
  const dimensions = view === 'profit-and-loss' || view === 'general-ledger';
  const content: Record<ReportView, () => ReactNode> = {
    'balance-sheet': () => <BalanceSheetView filters={filters} onAccount={openLedger} />,
    'profit-and-loss': () => <ProfitAndLossView filters={filters} onAccount={openLedger} />,
    'cash-flow': () => <CashFlowView filters={filters} onAccount={openLedger} />,
    'general-ledger': () => <GeneralLedgerView filters={filters} accountId={accountId} onAccount={openLedger} onEntry={setOpenEntry} />,
  };

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        description={t('reports.description')}
        actions={
          <Anchor component={Link} to="/finance/trial-balance">
            {t('reports.trialBalanceLink')}
          </Anchor>
        }
      />
      <Stack>
        <Tabs value={view} onChange={(value) => value && show(value as ReportView)}>
          <Tabs.List>
            {REPORT_VIEWS.map((v) => (
              <Tabs.Tab key={v} value={v}>
                {t(`reports.views.${v}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {REPORT_VIEWS.map((v) => (
            <Tabs.Panel key={v} value={v} pt="md">
              {v === view && (
                <Stack>
                  <Group align="flex-end" wrap="wrap">
                    {!atDate && <TextInput label={t('reports.from')} type="date" value={form.from} onChange={set('from')} />}
                    <TextInput label={atDate ? t('reports.at') : t('reports.to')} type="date" value={form.to} onChange={set('to')} />
                    {comparable && <Switch label={t('reports.compare')} checked={form.compare} onChange={set('compare')} mb={8} />}
                    {comparable && form.compare && !atDate && (
                      <TextInput label={t('reports.compareFrom')} type="date" value={form.compareFrom} onChange={set('compareFrom')} />
                    )}
                    {comparable && form.compare && (
                      <TextInput
                        label={atDate ? t('reports.compareAt') : t('reports.compareTo')}
                        type="date"
                        value={form.compareTo}
                        onChange={set('compareTo')}
                      />
                    )}
                  </Group>
                  {dimensions && (
                    <Group align="flex-end" wrap="wrap">
                      <TextInput label={t('reports.costCenter')} value={form.costCenter} onChange={set('costCenter')} w={160} />
                      <TextInput label={t('reports.project')} value={form.project} onChange={set('project')} w={160} />
                      <TextInput label={t('reports.department')} value={form.department} onChange={set('department')} w={160} />
                    </Group>
                  )}
                  <ExportButtons report={view} query={reportQuery(view, filters, accountId ?? undefined)} />
                  {content[view]()}
                </Stack>
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
      {openEntry && (
        <EntryDrawer
          key={openEntry}
          entryId={openEntry}
          canWrite={me.permissions.includes('ledger:write')}
          onClose={() => setOpenEntry(null)}
          onOpen={setOpenEntry}
        />
      )}
    </>
  );
}
