import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { isDay, today } from '../day.ts';
import { formatDecimal } from '../decimal.ts';
import { postRevaluation, type RevaluationPreview, revaluationPreviewQuery } from './fx-api.ts';

function PreviewTable({ preview, language }: { preview: RevaluationPreview; language: string }) {
  const { t } = useTranslation();
  const money = (value: string) => (
    <Table.Td ff="monospace" ta="right" c={value.startsWith('-') ? 'red' : undefined}>
      {formatDecimal(value, language)}
    </Table.Td>
  );
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Caption>{t('fx.revalue.caption', { date: preview.date })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('fx.revalue.account')}</Table.Th>
            <Table.Th scope="col">{t('fx.rates.currency')}</Table.Th>
            <Table.Th scope="col">{t('fx.revalue.foreignBalance')}</Table.Th>
            <Table.Th scope="col">{t('fx.revalue.baseValue')}</Table.Th>
            <Table.Th scope="col">{t('fx.rates.rate')}</Table.Th>
            <Table.Th scope="col">{t('fx.revalue.revaluedValue')}</Table.Th>
            <Table.Th scope="col">{t('fx.revalue.difference')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((row) => (
            <Table.Tr key={`${row.accountId}-${row.currency}`}>
              <Table.Td>
                <Text span ff="monospace">
                  {row.accountCode}
                </Text>{' '}
                {row.accountName}
              </Table.Td>
              <Table.Td>{row.currency}</Table.Td>
              {money(row.foreignBalance)}
              {money(row.baseValue)}
              <Table.Td ff="monospace" ta="right">
                {row.rate}
              </Table.Td>
              {money(row.revaluedValue)}
              {money(row.difference)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Choose a date, see what revaluing at it posts, confirm; then the posted entry's number is shown. */
export function RevalueModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const [date, setDate] = useState(today());
  const [shownDate, setShownDate] = useState<string | null>(null);
  const preview = useQuery({ ...revaluationPreviewQuery(shownDate ?? ''), enabled: shownDate !== null });

  const mutation = useMutation({
    mutationFn: () => postRevaluation(shownDate ?? ''),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
    },
  });

  const showPreview = (event: FormEvent) => {
    event.preventDefault();
    mutation.reset();
    if (isDay(date)) setShownDate(date);
  };
  const data = preview.data;
  const result = mutation.data;
  const nothingToPost = data?.rows.every((r) => /^-?0\.0+$/.test(r.difference)) === true;

  return (
    <Modal opened onClose={onClose} title={t('fx.revalue.title')} size="xl">
      <Stack>
        <Text size="sm">{t('fx.revalue.help')}</Text>
        <form onSubmit={showPreview} noValidate>
          <Group align="flex-end">
            <TextInput
              label={t('fx.revalue.date')}
              type="date"
              required
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              data-autofocus
            />
            <Button type="submit" variant="default" loading={preview.isFetching}>
              {t('fx.revalue.preview')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={preview.error ?? mutation.error} />
        {data && !result && (
          <>
            {data.rows.length === 0 ? <Text>{t('fx.revalue.empty')}</Text> : <PreviewTable preview={data} language={language} />}
            <Group gap="xl">
              <Text size="sm">
                {t('fx.revalue.totalGain')}:{' '}
                <Text span ff="monospace">
                  {formatDecimal(data.totalGain, language)}
                </Text>
                {data.gainAccount ? ` → ${data.gainAccount.code} ${data.gainAccount.name}` : ''}
              </Text>
              <Text size="sm">
                {t('fx.revalue.totalLoss')}:{' '}
                <Text span ff="monospace">
                  {formatDecimal(data.totalLoss, language)}
                </Text>
                {data.lossAccount ? ` → ${data.lossAccount.code} ${data.lossAccount.name}` : ''}
              </Text>
            </Group>
            <Text size="sm">{t('fx.revalue.reversalNote', { date: data.reversalDate })}</Text>
          </>
        )}
        {result && (
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" title={t('fx.revalue.postedTitle')}>
            {t('fx.revalue.posted', {
              number: `${result.entry.journalCode} ${result.entry.fiscalYear}/${result.entry.number}`,
              reversal: `${result.reversal.journalCode} ${result.reversal.fiscalYear}/${result.reversal.number}`,
              date: result.reversal.date,
            })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {result ? t('common.close') : t('common.cancel')}
          </Button>
          {!result && (
            <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!data || nothingToPost || shownDate !== date}>
              {t('fx.revalue.confirm')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
