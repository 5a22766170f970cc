import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FileImportModal } from '../../app/ui/FileImportModal.tsx';
import { notifySuccess } from '../../app/ui/notify.ts';
import { importChart, MAX_CHART_CSV_LENGTH } from './finance-api.ts';

/** Imports a chart-of-accounts CSV; shows the counts or every line error. */
export function ImportChartModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <FileImportModal
      opened={opened}
      onClose={onClose}
      title={t('finance.accounts.importTitle')}
      help={t('finance.accounts.importHelp')}
      accept=".csv,text/csv"
      maxLength={MAX_CHART_CSV_LENGTH}
      labels={{
        file: t('finance.accounts.importFile'),
        placeholder: t('finance.accounts.importFilePlaceholder'),
        submit: t('finance.accounts.importSubmit'),
        empty: t('finance.accounts.importEmpty'),
        tooLarge: t('finance.accounts.importTooLarge'),
      }}
      send={(csv) => importChart(csv)}
      onImported={async (result) => {
        notifySuccess(t('finance.accounts.importedNotice', { created: result.created }));
        await queryClient.invalidateQueries({ queryKey: ['ledger', 'accounts'] });
      }}
      renderResult={(result) => t('finance.accounts.importResult', { created: result.created, unchanged: result.unchanged })}
    />
  );
}
