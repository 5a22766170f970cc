import { Badge, Button, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { notifySuccess } from '../../app/ui/notify.ts';
import { formatDay } from './day.ts';
import { formatDecimal, toUnits } from './decimal.ts';
import { type Entry, entryQuery, reverseEntry } from './finance-api.ts';

/** "GEN 2025/3", or the journal alone for a draft. */
export function entryNumber(entry: Pick<Entry, 'journalCode' | 'fiscalYear' | 'number'>): string {
  return entry.number === null ? entry.journalCode : `${entry.journalCode} ${entry.fiscalYear}/${entry.number}`;
}

export function EntryStatus({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={entry.status === 'posted' ? 'green' : 'gray'} variant="light">
        {t(`finance.entries.status_${entry.status}`)}
      </Badge>
      {entry.reversedBy && (
        <Badge color="orange" variant="light">
          {t('finance.entries.reversed')}
        </Badge>
      )}
      {entry.reversalOf && (
        <Badge color="blue" variant="light">
          {t('finance.entries.reversal')}
        </Badge>
      )}
    </Group>
  );
}

interface EntryDrawerProps {
  entryId: string;
  canWrite: boolean;
  onClose: () => void;
  onOpen: (id: string) => void;
}

/** One entry with its lines; a posted entry not yet reversed can be reversed from here. */
export function EntryDrawer({ entryId, canWrite, onClose, onOpen }: EntryDrawerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const entry = useQuery(entryQuery(entryId));
  const data = entry.data;

  const reverse = useMutation({
    mutationFn: reverseEntry,
    onSuccess: async (reversal) => {
      notifySuccess(t('finance.entries.reversedNotice', { number: entryNumber(reversal) }));
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
      onOpen(reversal.id);
    },
  });

  const title = data ? t('finance.entries.detailTitle', { number: entryNumber(data) }) : t('common.loading');
  return (
    <Drawer opened onClose={onClose} title={title} position="right" size="xl">
      <Stack>
        <ErrorAlert error={entry.error ?? reverse.error} />
        {data && (
          <>
            <Group gap="xl">
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {t('finance.entries.date')}
                </Text>
                <Text>{formatDay(data.date)}</Text>
              </Stack>
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {t('finance.entries.status')}
                </Text>
                <EntryStatus entry={data} />
              </Stack>
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {t('finance.entries.reference')}
                </Text>
                <Text>{data.reference ?? '—'}</Text>
              </Stack>
            </Group>
            {data.memo && <Text>{data.memo}</Text>}
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Caption>{t('finance.entries.linesCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('finance.entries.account')}</Table.Th>
                    <Table.Th scope="col">{t('finance.entries.lineDescription')}</Table.Th>
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
                    <Table.Tr key={line.lineNo}>
                      <Table.Td>
                        <Text span ff="monospace">
                          {line.accountCode}
                        </Text>{' '}
                        {line.accountName}
                      </Table.Td>
                      <Table.Td>{line.description ?? ''}</Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {toUnits(line.debit) === 0n ? '' : formatDecimal(line.debit, language)}
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {toUnits(line.credit) === 0n ? '' : formatDecimal(line.credit, language)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th scope="row" colSpan={2}>
                      {t('finance.total')}
                    </Table.Th>
                    <Table.Td ta="right" ff="monospace" fw={700}>
                      {formatDecimal(data.totalDebit, language)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" fw={700}>
                      {formatDecimal(data.totalCredit, language)}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Group gap="xs">
                {data.reversalOf && (
                  <Button size="xs" variant="subtle" onClick={() => onOpen(data.reversalOf as string)}>
                    {t('finance.entries.openOriginal')}
                  </Button>
                )}
                {data.reversedBy && (
                  <Button size="xs" variant="subtle" onClick={() => onOpen(data.reversedBy as string)}>
                    {t('finance.entries.openReversal')}
                  </Button>
                )}
              </Group>
              {canWrite && data.status === 'posted' && !data.reversedBy && (
                <ConfirmButton
                  color="red"
                  variant="light"
                  loading={reverse.isPending}
                  title={t('finance.entries.reverseTitle', { number: entryNumber(data) })}
                  message={t('finance.entries.reverseMessage')}
                  confirmLabel={t('finance.entries.reverse')}
                  onConfirm={() => reverse.mutate(data)}
                >
                  {t('finance.entries.reverse')}
                </ConfirmButton>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Drawer>
  );
}
