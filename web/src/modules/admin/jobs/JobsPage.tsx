import { Badge, Button, Group, NativeSelect, Progress, Stack, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../app/types.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { errorMessage } from '../../../app/ui/field-errors.ts';
import { formatDateTime } from '../../../app/ui/format.ts';
import { notifyError, notifySuccess } from '../../../app/ui/notify.ts';
import { PagedListFooter } from '../../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../../app/ui/PageHeader.tsx';
import { cancelJob, enqueueJob, isActive, jobsQuery, retryJob, STATUS_COLORS } from './jobs-api.ts';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export function JobsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const jobs = useInfiniteQuery(jobsQuery(status));
  const items = jobs.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['jobs'] });

  const enqueue = useMutation({
    mutationFn: () => enqueueJob('audit.verify'),
    onSuccess: async () => {
      notifySuccess(t('jobs.enqueuedNotice'));
      await refresh();
    },
    onError: (error) => notifyError(errorMessage(error, t)),
  });
  const act = useMutation({
    mutationFn: ({ job, action }: { job: Job; action: 'retry' | 'cancel' }) => (action === 'retry' ? retryJob(job.id) : cancelJob(job.id)),
    onSuccess: refresh,
    onError: (error) => notifyError(errorMessage(error, t)),
  });

  const statusLabel = (s: string) => t(`jobs.statuses.${s}`, { defaultValue: s });

  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        description={t('jobs.description')}
        actions={
          <Button leftSection={<IconShieldCheck size={16} aria-hidden />} onClick={() => enqueue.mutate()} loading={enqueue.isPending}>
            {t('jobs.verifyInBackground')}
          </Button>
        }
      />
      <Stack>
        <NativeSelect
          label={t('jobs.filterStatus')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[{ value: '', label: t('jobs.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]}
          maw={240}
        />
        <ErrorAlert error={jobs.error} />
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Caption>{t('jobs.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('jobs.name')}</Table.Th>
                <Table.Th scope="col">{t('jobs.status')}</Table.Th>
                <Table.Th scope="col">{t('jobs.progress')}</Table.Th>
                <Table.Th scope="col">{t('jobs.attempts')}</Table.Th>
                <Table.Th scope="col">{t('jobs.created')}</Table.Th>
                <Table.Th scope="col">{t('jobs.error')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((job) => {
                const percent = Math.max(0, Math.min(100, Math.round(job.progress ?? (job.status === 'succeeded' ? 100 : 0))));
                return (
                  <Table.Tr key={job.id}>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {job.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[job.status] ?? 'gray'} variant="light">
                        {statusLabel(job.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td miw={160}>
                      <Progress
                        value={percent}
                        animated={job.status === 'running'}
                        aria-label={t('jobs.progressOf', { name: job.name, percent })}
                      />
                      <Text size="xs" c="dimmed" mt={2}>
                        {job.progressMessage ? `${percent}% · ${job.progressMessage}` : `${percent}%`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {job.attempts}/{job.maxAttempts}
                    </Table.Td>
                    <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
                    <Table.Td maw={280}>
                      {job.lastError && (
                        <Text size="sm" c="red.8" style={{ wordBreak: 'break-word' }}>
                          {job.lastError}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {(job.status === 'failed' || job.status === 'cancelled') && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('jobs.retryNamed', { name: job.name })}
                            onClick={() => act.mutate({ job, action: 'retry' })}
                          >
                            {t('jobs.retry')}
                          </Button>
                        )}
                        {isActive(job) && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('jobs.cancelNamed', { name: job.name })}
                            onClick={() => act.mutate({ job, action: 'cancel' })}
                          >
                            {t('jobs.cancel')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={jobs} count={items.length} empty={t('jobs.empty')} />
      </Stack>
    </>
  );
}
