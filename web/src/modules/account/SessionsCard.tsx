import { Badge, Button, Card, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { errorMessage } from '../../app/ui/field-errors.ts';
import { formatDateTime } from '../../app/ui/format.ts';
import { notifyError, notifySuccess } from '../../app/ui/notify.ts';
import { revokeSession, sessionsQuery } from './account-api.ts';

export function SessionsCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sessions = useQuery(sessionsQuery);
  const revoke = useMutation({
    mutationFn: revokeSession,
    onSuccess: async () => {
      notifySuccess(t('account.sessionRevoked'));
      await queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
    },
    onError: (error) => notifyError(errorMessage(error, t)),
  });
  const items = sessions.data?.items ?? [];

  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('account.sessions')}
      </Title>
      <ErrorAlert error={sessions.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Caption>{t('account.sessionsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('account.device')}</Table.Th>
              <Table.Th scope="col">{t('account.ip')}</Table.Th>
              <Table.Th scope="col">{t('account.signedIn')}</Table.Th>
              <Table.Th scope="col">{t('account.lastSeen')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((session) => (
              <Table.Tr key={session.id}>
                <Table.Td maw={320}>
                  <Text size="sm" lineClamp={2}>
                    {session.userAgent ?? t('account.unknownDevice')}
                  </Text>
                </Table.Td>
                <Table.Td>{session.ip ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                <Table.Td>
                  {session.current ? (
                    <Badge color="green" variant="light">
                      {t('account.thisSession')}
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => revoke.mutate(session.id)}
                      aria-label={t('account.revokeSessionFrom', { when: formatDateTime(session.createdAt) })}
                    >
                      {t('account.revokeSession')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {sessions.isPending && <Text>{t('common.loading')}</Text>}
    </Card>
  );
}
