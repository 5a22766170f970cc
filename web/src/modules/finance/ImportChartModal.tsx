import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { notifySuccess } from '../../app/ui/notify.ts';
import { importChart, MAX_CHART_CSV_LENGTH } from './finance-api.ts';

/** Picks a CSV file, reads it in the browser and sends it to the import; shows the counts or every line error. */
export function ImportChartModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: importChart,
    onSuccess: async (result) => {
      notifySuccess(t('finance.accounts.importedNotice', { created: result.created }));
      await queryClient.invalidateQueries({ queryKey: ['ledger', 'accounts'] });
    },
  });

  function close() {
    setFile(null);
    setFileError(null);
    mutation.reset();
    onClose();
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    mutation.reset();
    if (!file) {
      setFileError(t('finance.accounts.importFilePlaceholder'));
      return;
    }
    const csv = await file.text();
    if (csv.trim() === '') {
      setFileError(t('finance.accounts.importEmpty'));
      return;
    }
    if (csv.length > MAX_CHART_CSV_LENGTH) {
      setFileError(t('finance.accounts.importTooLarge'));
      return;
    }
    setFileError(null);
    mutation.mutate(csv);
  };

  return (
    <Modal opened={opened} onClose={close} title={t('finance.accounts.importTitle')} size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">{t('finance.accounts.importHelp')}</Text>
          <ErrorAlert error={mutation.error} />
          {mutation.data && (
            <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
              {t('finance.accounts.importResult', { created: mutation.data.created, unchanged: mutation.data.unchanged })}
            </Alert>
          )}
          <FileInput
            label={t('finance.accounts.importFile')}
            placeholder={t('finance.accounts.importFilePlaceholder')}
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
            <Button variant="default" onClick={close}>
              {mutation.data ? t('common.close') : t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!file}>
              {t('finance.accounts.importSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
