import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { formatDay } from './day.ts';
import { lockDateQuery, setLockDate } from './finance-api.ts';

/** The date up to which the books are closed; users with ledger:write can move it or remove it. */
export function LockDateCard({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lock = useQuery(lockDateQuery);
  const current = lock.data?.lockDate ?? null;
  const [value, setValue] = useState('');
  useEffect(() => setValue(current ?? ''), [current]);

  const mutation = useMutation({
    mutationFn: setLockDate,
    onSuccess: async (result) => {
      notifySuccess(result.lockDate ? t('finance.lock.setNotice', { date: formatDay(result.lockDate) }) : t('finance.lock.clearedNotice'));
      await queryClient.invalidateQueries({ queryKey: ['ledger', 'lock-date'] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(value || null);
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="lock-date-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="lock-date-heading">
          {t('finance.lock.title')}
        </Title>
        <ErrorAlert error={lock.error ?? mutation.error} fields={['lockDate']} />
        <Text>
          {lock.isPending
            ? t('common.loading')
            : current
              ? t('finance.lock.current', { date: formatDay(current) })
              : t('finance.lock.none')}
        </Text>
        {canWrite && (
          <form onSubmit={submit} noValidate>
            <Group align="flex-end">
              <TextInput
                label={t('finance.lock.date')}
                description={t('finance.lock.hint')}
                type="date"
                value={value}
                onChange={(e) => setValue(e.currentTarget.value)}
                error={fieldErrors(mutation.error).lockDate}
              />
              <Button type="submit" loading={mutation.isPending} disabled={value === (current ?? '')}>
                {t('finance.lock.save')}
              </Button>
              {current && (
                <Button variant="default" onClick={() => mutation.mutate(null)} disabled={mutation.isPending}>
                  {t('finance.lock.clear')}
                </Button>
              )}
            </Group>
          </form>
        )}
      </Stack>
    </Card>
  );
}
