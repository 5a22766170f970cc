import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FileImportModal } from '../../../app/ui/FileImportModal.tsx';
import { notifySuccess } from '../../../app/ui/notify.ts';
import { importRates, MAX_RATES_CSV_LENGTH } from './fx-api.ts';

/** Imports a rates CSV; shows the counts, or every `line N: column` error. */
export function ImportRatesModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <FileImportModal
      onClose={onClose}
      title={t('fx.import.title')}
      help={t('fx.import.help')}
      accept=".csv,text/csv"
      maxLength={MAX_RATES_CSV_LENGTH}
      labels={{
        file: t('fx.import.file'),
        placeholder: t('fx.import.filePlaceholder'),
        submit: t('fx.import.submit'),
        empty: t('fx.import.empty'),
        tooLarge: t('fx.import.tooLarge'),
      }}
      send={(csv) => importRates(csv)}
      onImported={async (result) => {
        notifySuccess(t('fx.import.importedNotice', { created: result.created, updated: result.updated }));
        await queryClient.invalidateQueries({ queryKey: ['ledger', 'fx'] });
      }}
      renderResult={(result) => t('fx.import.result', result)}
    />
  );
}
