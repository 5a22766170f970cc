import { Alert, Button, Stack } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { verifyAuditChain } from './audit-api.ts';

/** Recomputes the company's hash chain on the server and says whether it is intact. */
export function VerifyChain() {
  const { t } = useTranslation();
  const mutation = useMutation({ mutationFn: verifyAuditChain });
  const result = mutation.data;
  return (
    <Stack gap="sm">
      <Button
        variant="default"
        leftSection={<IconShieldCheck size={16} aria-hidden />}
        onClick={() => mutation.mutate()}
        loading={mutation.isPending}
      >
        {t('audit.verify')}
      </Button>
      {result?.ok && (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          {t('audit.chainIntact', { count: result.checked })}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" variant="light" icon={<IconCircleX aria-hidden />} role="alert">
          {result.firstBroken
            ? t('audit.chainBroken', { seq: result.firstBroken.seq, reason: result.firstBroken.reason })
            : t('audit.chainBrokenUnknown')}
        </Alert>
      )}
      <ErrorAlert error={mutation.error} />
    </Stack>
  );
}
