import { Badge, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ConfirmButton } from '../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { formatDay } from './day.ts';
import { formatDecimal } from './decimal.ts';
import { accountName, wholeChartQuery } from './finance-api.ts';
import { LockDateCard } from './LockDateCard.tsx';
import { closeFiscalYear, closePreviewQuery, type FiscalYear, fiscalYearsQuery, reopenFiscalYear } from './periods-api.ts';

const RETAINED_EARNINGS_FIELD = 'retainedEarningsAccountId';

/** A year's result as "1,234.50 EUR", a loss with its minus sign. */
function Money({ value, currency }: { value: string; currency: string }) {
  const { i18n } = useTranslation();
  return (
    <Text span ff="monospace" c={value.startsWith('-') ? 'red' : undefined}>
      {formatDecimal(value, i18n.resolvedLanguage ?? i18n.language)} {currency}
    </Text>
  );
}

/**
 * Shows what closing the year will post and asks to confirm. When the chart has no single retained
 * earnings account, the API says so with a field error and the accountant picks an equity account.
 */
function CloseYearModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const [retainedEarnings, setRetainedEarnings] = useState<string | null>(null);
  const preview = useQuery(closePreviewQuery(year, retainedEarnings));
  const needsAccount = retainedEarnings !== null || fieldErrors(preview.error)[RETAINED_EARNINGS_FIELD] !== undefined;
  const chart = useQuery({ ...wholeChartQuery('exclude'), enabled: needsAccount });
  const equity = (chart.data ?? []).filter((a) => a.type === 'equity');

  const mutation = useMutation({
    mutationFn: () => closeFiscalYear(year, retainedEarnings),
    onSuccess: async () => {
      notifySuccess(t('periods.close.closedNotice', { year }));
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
      onClose();
    },
  });
  const data = preview.data;

  return (
    <Modal opened onClose={onClose} title={t('periods.close.title', { year })} size="lg" centered>
      <Stack>
        <ErrorAlert
          error={mutation.error ?? (needsAccount && retainedEarnings === null ? null : preview.error)}
          fields={[RETAINED_EARNINGS_FIELD]}
        />
        {needsAccount && (
          <Select
            label={t('periods.close.retainedEarnings')}
            description={t('periods.close.retainedEarningsHint')}
            data={equity.map((a) => ({ value: a.id, label: `${a.code} — ${accountName(a, language)}` }))}
            value={retainedEarnings}
            onChange={setRetainedEarnings}
            searchable
            error={retainedEarnings === null ? fieldErrors(preview.error)[RETAINED_EARNINGS_FIELD] : undefined}
          />
        )}
        {preview.isPending && <Text>{t('common.loading')}</Text>}
        {data && (
          <>
            <Text>
              {t('periods.close.explanation', {
                journal: data.journalCode,
                date: formatDay(data.date),
                account: `${data.retainedEarnings.code} — ${data.retainedEarnings.name}`,
              })}
            </Text>
            <Text>
              {t('periods.close.result')}: <Money value={data.result} currency={data.currency} />
            </Text>
            {data.lines.length === 0 ? (
              <Text c="dimmed">{t('periods.close.noLines')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table striped>
                  <Table.Caption>{t('periods.close.linesCaption', { year })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('periods.close.account')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('finance.debit')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('finance.credit')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.lines.map((line) => (
                      <Table.Tr key={line.accountId}>
                        <Table.Td>{`${line.accountCode} — ${line.accountName}`}</Table.Td>
                        <Table.Td ta="right" ff="monospace">
                          {formatDecimal(line.debit, language)}
                        </Table.Td>
                        <Table.Td ta="right" ff="monospace">
                          {formatDecimal(line.credit, language)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!data}>
            {t('periods.close.confirm', { year })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The twelve months of a year and how far each is locked. */
function PeriodsModal({ year, onClose }: { year: FiscalYear; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('periods.months.title', { year: year.year })} size="lg" centered>
      <Table striped>
        <Table.Caption>{t('periods.months.caption', { year: year.year })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('periods.months.period')}</Table.Th>
            <Table.Th scope="col">{t('periods.months.dates')}</Table.Th>
            <Table.Th scope="col">{t('periods.months.lock')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {year.periods.map((p) => (
            <Table.Tr key={p.period}>
              <Table.Td>{p.period}</Table.Td>
              <Table.Td>{`${formatDay(p.startDate)} – ${formatDay(p.endDate)}`}</Table.Td>
              <Table.Td>{t(`periods.locks.${p.lock}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}

export function PeriodsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canWrite = me.permissions.includes('ledger:write');
  const isAdmin = me.roles.includes('admin');
  const queryClient = useQueryClient();
  const years = useQuery(fiscalYearsQuery);
  const [closing, setClosing] = useState<number | null>(null);
  const [showing, setShowing] = useState<FiscalYear | null>(null);
  const reopen = useMutation({
    mutationFn: reopenFiscalYear,
    onSuccess: async (year) => {
      notifySuccess(t('periods.reopen.reopenedNotice', { year: year.year }));
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
    },
  });

  return (
    <>
      <PageHeader title={t('periods.title')} description={t('periods.description')} />
      <Stack>
        <LockDateCard canWrite={canWrite} />
        <ErrorAlert error={years.error ?? reopen.error} />
        {!isAdmin && <Text c="dimmed">{t('periods.adminsOnly')}</Text>}
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('periods.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('periods.year')}</Table.Th>
                <Table.Th scope="col">{t('periods.dates')}</Table.Th>
                <Table.Th scope="col">{t('periods.status')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('periods.result')}
                </Table.Th>
                <Table.Th scope="col">{t('periods.closedBy')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(years.data ?? []).map((year) => (
                <Table.Tr key={year.year}>
                  <Table.Th scope="row">{year.year}</Table.Th>
                  <Table.Td>{`${formatDay(year.startDate)} – ${formatDay(year.endDate)}`}</Table.Td>
                  <Table.Td>
                    <Badge color={year.status === 'closed' ? 'gray' : 'green'} variant="light">
                      {year.status === 'closed' ? t('periods.closed') : t('periods.open')}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money value={year.result} currency={year.currency} />
                  </Table.Td>
                  <Table.Td>{year.closedBy ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setShowing(year)}
                        aria-label={t('periods.months.showOf', { year: year.year })}
                      >
                        {t('periods.months.show')}
                      </Button>
                      {isAdmin && year.status === 'open' && (
                        <Button
                          size="xs"
                          onClick={() => setClosing(year.year)}
                          aria-label={t('periods.close.buttonOf', { year: year.year })}
                        >
                          {t('periods.close.button')}
                        </Button>
                      )}
                      {isAdmin && year.status === 'closed' && (
                        <ConfirmButton
                          size="xs"
                          variant="default"
                          aria-label={t('periods.reopen.buttonOf', { year: year.year })}
                          title={t('periods.reopen.title', { year: year.year })}
                          message={t('periods.reopen.message', { year: year.year })}
                          confirmLabel={t('periods.reopen.confirm')}
                          onConfirm={() => reopen.mutate(year.year)}
                          loading={reopen.isPending && reopen.variables === year.year}
                        >
                          {t('periods.reopen.button')}
                        </ConfirmButton>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {years.isPending && <Text>{t('common.loading')}</Text>}
      </Stack>
      {closing !== null && <CloseYearModal key={closing} year={closing} onClose={() => setClosing(null)} />}
      {showing && <PeriodsModal year={showing} onClose={() => setShowing(null)} />}
    </>
  );
}
