import { Alert, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';

/** Loading and error states every report shows the same way. */
export function ReportStatus({ query }: { query: Pick<UseQueryResult, 'error' | 'isPending'> }) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorAlert error={query.error} />
      {query.isPending && <Text>{t('common.loading')}</Text>}
    </>
  );
}

/** The statement's own arithmetic check, shown beside it. */
export function CheckAlert({ ok, okText, failText }: { ok: boolean; okText: string; failText: string }) {
  return (
    <Alert color={ok ? 'green' : 'red'} variant="light" role="status">
      {ok ? okText : failText}
    </Alert>
  );
}
