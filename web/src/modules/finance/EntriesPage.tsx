import { Button, Group, Stack, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { PagedListFooter } from '../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { formatDay } from './day.ts';
import { formatDecimal } from './decimal.ts';
import { EntryDrawer, EntryStatus, entryNumber } from './EntryDrawer.tsx';
import { entriesQuery, journalExportUrl } from './finance-api.ts';
import { ImportJournalModal } from './ImportJournalModal.tsx';
import { LockDateCard } from './LockDateCard.tsx';
import { NewEntryModal } from './NewEntryModal.tsx';

export function EntriesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const canWrite = me.permissions.includes('ledger:write');
  const [createOpened, createModal] = useDisclosure(false);
  const [importOpened, importModal] = useDisclosure(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const entries = useInfiniteQuery(entriesQuery);
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('finance.entries.title')}
        description={t('finance.entries.description')}
        actions={
          <Group gap="xs">
            {/* No file name here: the browser takes the server's (the company's slug). */}
            <Button component="a" href={journalExportUrl} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              {t('finance.journalFile.export')}
            </Button>
            {canWrite && (
              <>
                <Button variant="default" leftSection={<IconUpload size={16} aria-hidden />} onClick={importModal.open}>
                  {t('finance.journalFile.import')}
                </Button>
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
                  {t('finance.entries.create')}
                </Button>
              </>
            )}
          </Group>
        }
      />
      <Stack>
        <LockDateCard canWrite={canWrite} />
        <ErrorAlert error={entries.error} />
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('finance.entries.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('finance.entries.number')}</Table.Th>
                <Table.Th scope="col">{t('finance.entries.journal')}</Table.Th>
                <Table.Th scope="col">{t('finance.entries.date')}</Table.Th>
                <Table.Th scope="col">{t('finance.entries.memo')}</Table.Th>
                <Table.Th scope="col">{t('finance.entries.reference')}</Table.Th>
                <Table.Th scope="col">{t('finance.entries.status')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('finance.total')}
                </Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td ff="monospace">{entry.number === null ? '—' : `${entry.fiscalYear}/${entry.number}`}</Table.Td>
                  <Table.Td>{entry.journalCode}</Table.Td>
                  <Table.Td>{formatDay(entry.date)}</Table.Td>
                  <Table.Td>{entry.memo ?? ''}</Table.Td>
                  <Table.Td>{entry.reference ?? ''}</Table.Td>
                  <Table.Td>
                    <EntryStatus entry={entry} />
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {formatDecimal(entry.totalDebit, language)}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setOpenId(entry.id)}
                      aria-label={t('finance.entries.detailsOf', { number: entryNumber(entry) })}
                    >
                      {t('finance.entries.details')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={entries} count={rows.length} empty={t('finance.entries.empty')} />
      </Stack>
      {canWrite && importOpened && <ImportJournalModal onClose={importModal.close} />}
      {canWrite && <NewEntryModal opened={createOpened} onClose={createModal.close} onPosted={(entry) => setOpenId(entry.id)} />}
      {openId && <EntryDrawer key={openId} entryId={openId} canWrite={canWrite} onClose={() => setOpenId(null)} onOpen={setOpenId} />}
    </>
  );
}
