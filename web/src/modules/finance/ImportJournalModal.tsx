import { Group, Select } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileImportModal } from '../../app/ui/FileImportModal.tsx';
import { notifySuccess } from '../../app/ui/notify.ts';
import { importJournalFile, type JournalFileFormat, journalFormatOf, journalsQuery, MAX_JOURNAL_LENGTH } from './finance-api.ts';

const FORMATS: readonly JournalFileFormat[] = ['journal', 'csv'];
const isFormat = (value: string | null): value is JournalFileFormat => FORMATS.includes(value as JournalFileFormat);

/**
 * Imports a plain-text journal (hledger) or a CSV of postings as posted entries. The format follows the file's
 * extension when it tells (and can be chosen); the entries go to the chosen journal.
 */
export function ImportJournalModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const journals = useQuery(journalsQuery);
  const [format, setFormat] = useState<JournalFileFormat>('journal');
  const [journalCode, setJournalCode] = useState<string | null>('GEN');

  return (
    <FileImportModal
      onClose={onClose}
      title={t('finance.journalFile.importTitle')}
      help={t('finance.journalFile.importHelp')}
      accept=".journal,.ledger,.hledger,.txt,.csv,text/plain,text/csv"
      maxLength={MAX_JOURNAL_LENGTH}
      labels={{
        file: t('finance.journalFile.importFile'),
        placeholder: t('finance.journalFile.importFilePlaceholder'),
        submit: t('finance.journalFile.importSubmit'),
        empty: t('finance.journalFile.importEmpty'),
        tooLarge: t('finance.journalFile.importTooLarge'),
      }}
      onFileChange={(file) => {
        const detected = file ? journalFormatOf(file.name) : null;
        if (detected) setFormat(detected);
      }}
      send={(content, file) => importJournalFile({ content, fileName: file.name, format, ...(journalCode ? { journalCode } : {}) })}
      onImported={async (result) => {
        notifySuccess(t('finance.journalFile.importedNotice', { entries: result.entries, journal: result.journalCode }));
        // Entries, new accounts, market prices and every balance may have changed.
        await queryClient.invalidateQueries({ queryKey: ['ledger'] });
      }}
      renderResult={(result) =>
        t('finance.journalFile.importResult', {
          entries: result.entries,
          lines: result.lines,
          journal: result.journalCode,
          accounts: result.accountsCreated,
          prices: result.prices,
        })
      }
    >
      <Group grow align="flex-start">
        <Select
          label={t('finance.journalFile.format')}
          data={[
            { value: 'journal', label: t('finance.journalFile.formatJournal') },
            { value: 'csv', label: t('finance.journalFile.formatCsv') },
          ]}
          value={format}
          onChange={(value) => {
            if (isFormat(value)) setFormat(value);
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('finance.entries.journal')}
          data={(journals.data?.items ?? []).map((j) => ({
            value: j.code,
            label: `${j.code} — ${t(`finance.journalKinds.${j.kind}`, { defaultValue: j.name })}`,
          }))}
          value={journalCode}
          onChange={setJournalCode}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
    </FileImportModal>
  );
}
