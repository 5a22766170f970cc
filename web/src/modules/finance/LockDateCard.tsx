import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { formatDay } from './day.ts';
import { type LockDates, lockDatesQuery, setLockDates } from './periods-api.ts';

/**
 * Both lock dates: the hard one (nobody posts on or before it) and the period one (only admins may post on
 * or before it). Users with ledger:write move them forward; moving one back is for admins (the API says so).
 */
export function LockDateCard({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Unlocking (moving a lock back) is for admins; the API refuses it to anyone else.
  const isAdmin = useSession().roles.includes('admin');
  const locks = useQuery(lockDatesQuery);
  const hard = locks.data?.lockDate ?? null;
  const period = locks.data?.periodLockDate ?? null;
  const [hardValue, setHardValue] = useState('');
  const [periodValue, setPeriodValue] = useState('');
  useEffect(() => setHardValue(hard ?? ''), [hard]);
  useEffect(() => setPeriodValue(period ?? ''), [period]);

  const mutation = useMutation({
    mutationFn: setLockDates,
    onSuccess: async () => {
      notifySuccess(t('periods.lock.savedNotice'));
      // Locks change what the fiscal years and the entries' actions show.
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
    },
  });

  const change: Partial<LockDates> = {
    ...(hardValue !== (hard ?? '') ? { lockDate: hardValue || null } : {}),
    ...(periodValue !== (period ?? '') ? { periodLockDate: periodValue || null } : {}),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(change);
  };
  const errors = fieldErrors(mutation.error);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="lock-date-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="lock-date-heading">
          {t('periods.lock.title')}
        </Title>
        <ErrorAlert error={locks.error ?? mutation.error} fields={['lockDate', 'periodLockDate']} />
        {locks.isPending ? (
          <Text>{t('common.loading')}</Text>
        ) : (
          <>
            <Text>{hard ? t('finance.lock.current', { date: formatDay(hard) }) : t('finance.lock.none')}</Text>
            <Text>{period ? t('periods.lock.periodCurrent', { date: formatDay(period) }) : t('periods.lock.periodNone')}</Text>
          </>
        )}
        {canWrite && (
          <form onSubmit={submit} noValidate>
            <Group align="flex-end">
              <TextInput
                label={t('finance.lock.date')}
                description={t('finance.lock.hint')}
                type="date"
                value={hardValue}
                onChange={(e) => setHardValue(e.currentTarget.value)}
                error={errors.lockDate}
              />
              <TextInput
                label={t('periods.lock.periodDate')}
                description={t('periods.lock.periodHint')}
                type="date"
                value={periodValue}
                onChange={(e) => setPeriodValue(e.currentTarget.value)}
                error={errors.periodLockDate}
              />
              <Button type="submit" loading={mutation.isPending} disabled={Object.keys(change).length === 0}>
                {t('periods.lock.save')}
              </Button>
              {isAdmin && hard && (
                <Button variant="default" onClick={() => mutation.mutate({ lockDate: null })} disabled={mutation.isPending}>
                  {t('finance.lock.clear')}
                </Button>
              )}
              {isAdmin && period && (
                <Button variant="default" onClick={() => mutation.mutate({ periodLockDate: null })} disabled={mutation.isPending}>
                  {t('periods.lock.clearPeriod')}
                </Button>
              )}
            </Group>
          </form>
        )}
      </Stack>
    </Card>
  );
}
