import { Badge, Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowsExchange, IconDownload, IconPencil, IconPlus, IconUpload } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth.ts';
import { ConfirmButton } from '../../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { errorMessage } from '../../../app/ui/field-errors.ts';
import { notifyError, notifySuccess } from '../../../app/ui/notify.ts';
import { PagedListFooter } from '../../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../../app/ui/PageHeader.tsx';
import { formatDay } from '../day.ts';
import { deleteRate, type ExchangeRate, type RatesFilter, ratesExportUrl, ratesQuery } from './fx-api.ts';
import { ImportRatesModal } from './ImportRatesModal.tsx';
import { RateModal } from './RateModal.tsx';
import { RevalueModal } from './RevalueModal.tsx';

type Dialog = { kind: 'rate'; editing: ExchangeRate | null } | { kind: 'import' } | { kind: 'revalue' } | null;

/** Finance → Exchange rates: the rates table with filters, add/edit/delete, CSV in and out, and revaluation. */
export function ExchangeRatesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canWrite = me.permissions.includes('ledger:write');
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<RatesFilter>({ currency: '', from: '', to: '' });
  const [debounced] = useDebouncedValue(filter, 300);
  const [dialog, setDialog] = useState<Dialog>(null);
  const rates = useInfiniteQuery(ratesQuery(debounced));
  const rows = rates.data?.pages.flatMap((p) => p.items) ?? [];

  const removal = useMutation({
    mutationFn: deleteRate,
    onSuccess: async (_, rate) => {
      notifySuccess(t('fx.rates.deletedNotice', { currency: rate.currency, quote: rate.quote, date: rate.date }));
      await queryClient.invalidateQueries({ queryKey: ['ledger', 'fx'] });
    },
    onError: (error) => notifyError(errorMessage(error, t)),
  });

  const set = (field: keyof RatesFilter) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setFilter((f) => ({ ...f, [field]: value }));
  };

  return (
    <>
      <PageHeader
        title={t('fx.title')}
        description={t('fx.description', { base: me.company.baseCurrency })}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={ratesExportUrl(filter.currency)}
              download="exchange-rates.csv"
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('fx.rates.exportCsv')}
            </Button>
            {canWrite && (
              <>
                <Button variant="default" leftSection={<IconUpload size={16} aria-hidden />} onClick={() => setDialog({ kind: 'import' })}>
                  {t('fx.rates.importCsv')}
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconArrowsExchange size={16} aria-hidden />}
                  onClick={() => setDialog({ kind: 'revalue' })}
                >
                  {t('fx.revalue.open')}
                </Button>
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'rate', editing: null })}>
                  {t('fx.rates.add')}
                </Button>
              </>
            )}
          </Group>
        }
      />
      <Stack>
        <Group align="flex-end">
          <TextInput label={t('fx.rates.currencyFilter')} value={filter.currency} onChange={set('currency')} maxLength={40} w={160} />
          <TextInput label={t('fx.rates.from')} type="date" value={filter.from} onChange={set('from')} w={170} />
          <TextInput label={t('fx.rates.to')} type="date" value={filter.to} onChange={set('to')} w={170} />
        </Group>
        <ErrorAlert error={rates.error} />
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('fx.rates.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fx.rates.date')}</Table.Th>
                <Table.Th scope="col">{t('fx.rates.currency')}</Table.Th>
                <Table.Th scope="col">{t('fx.rates.quote')}</Table.Th>
                <Table.Th scope="col">{t('fx.rates.rate')}</Table.Th>
                <Table.Th scope="col">{t('fx.rates.source')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((rate) => {
                const pair = `${rate.currency}/${rate.quote} ${rate.date}`;
                return (
                  <Table.Tr key={`${rate.currency}/${rate.quote}/${rate.date}`}>
                    <Table.Td>{formatDay(rate.date)}</Table.Td>
                    <Table.Td>{rate.currency}</Table.Td>
                    <Table.Td>{rate.quote}</Table.Td>
                    <Table.Td ff="monospace">{rate.rate}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray">
                        {t(`fx.sources.${rate.source}`)}
                      </Badge>
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            leftSection={<IconPencil size={14} aria-hidden />}
                            aria-label={t('fx.rates.editLabel', { pair })}
                            onClick={() => setDialog({ kind: 'rate', editing: rate })}
                          >
                            {t('fx.rates.edit')}
                          </Button>
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={t('fx.rates.deleteLabel', { pair })}
                            title={t('fx.rates.deleteTitle')}
                            message={t('fx.rates.deleteMessage', { pair })}
                            confirmLabel={t('fx.rates.delete')}
                            onConfirm={() => removal.mutate(rate)}
                          >
                            {t('fx.rates.delete')}
                          </ConfirmButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={rates} count={rows.length} empty={t('fx.rates.empty')} />
      </Stack>
      {dialog?.kind === 'rate' && <RateModal editing={dialog.editing} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'import' && <ImportRatesModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'revalue' && <RevalueModal onClose={() => setDialog(null)} />}
    </>
  );
}
