import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { notifySuccess } from '../../../app/ui/notify.ts';
import { importRates, MAX_RATES_CSV_LENGTH } from './fx-api.ts';

/** Reads a rates CSV in the browser and sends it; shows the counts, or every `line N: column` error. */
export function ImportRatesModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: importRates,
    onSuccess: async (result) => {
      notifySuccess(t('fx.import.importedNotice', { created: result.created, updated: result.updated }));
      await queryClient.invalidateQueries({ queryKey: ['ledger', 'fx'] });
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    mutation.reset();
    if (!file) {
      setFileError(t('fx.import.filePlaceholder'));
      return;
    }
    const csv = await file.text();
    if (csv.trim() === '') {
      setFileError(t('fx.import.empty'));
      return;
    }
    if (csv.length > MAX_RATES_CSV_LENGTH) {
      setFileError(t('fx.import.tooLarge'));
      return;
    }
    setFileError(null);
    mutation.mutate(csv);
  };

  return (
    <Modal opened onClose={onClose} title={t('fx.import.title')} size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">{t('fx.import.help')}</Text>
          <ErrorAlert error={mutation.error} />
          {mutation.data && (
            <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
              {t('fx.import.result', mutation.data)}
            </Alert>
          )}
          <FileInput
            label={t('fx.import.file')}
            placeholder={t('fx.import.filePlaceholder')}
            accept=".csv,text/csv"
            required
            clearable
            value={file}
            onChange={(value) => {
              setFile(value);
              setFileError(null);
              mutation.reset();
            }}
            error={fileError}
            leftSection={<IconUpload size={16} aria-hidden />}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {mutation.data ? t('common.close') : t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!file}>
              {t('fx.import.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
