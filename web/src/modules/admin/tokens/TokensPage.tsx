import { Badge, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../../app/types.ts';
import { ConfirmButton } from '../../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { errorMessage } from '../../../app/ui/field-errors.ts';
import { formatDate, formatDateTime } from '../../../app/ui/format.ts';
import { notifyError, notifySuccess } from '../../../app/ui/notify.ts';
import { PageHeader } from '../../../app/ui/PageHeader.tsx';
import { CreateTokenForm } from './CreateTokenForm.tsx';
import { NewTokenBox } from './NewTokenBox.tsx';
import { revokeToken, tokenState, tokensQuery } from './tokens-api.ts';

const STATE_COLORS = { active: 'green', expired: 'gray', revoked: 'red' } as const;

export function TokensPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQuery);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSuccess: async () => {
      notifySuccess(t('tokens.revokedNotice'));
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (error) => notifyError(errorMessage(error, t)),
  });

  const items = tokens.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('tokens.title')} description={t('tokens.description')} />
      <Stack>
        <CreateTokenForm onCreated={setCreated} />
        {created && <NewTokenBox token={created} onDismiss={() => setCreated(null)} />}
        <ErrorAlert error={tokens.error} />
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Caption>{t('tokens.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tokens.name')}</Table.Th>
                <Table.Th scope="col">{t('tokens.prefix')}</Table.Th>
                <Table.Th scope="col">{t('tokens.created')}</Table.Th>
                <Table.Th scope="col">{t('tokens.lastUsed')}</Table.Th>
                <Table.Th scope="col">{t('tokens.expires')}</Table.Th>
                <Table.Th scope="col">{t('tokens.state')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((token) => {
                const state = tokenState(token);
                return (
                  <Table.Tr key={token.id}>
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {token.prefix}…
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                    <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('common.never')}</Table.Td>
                    <Table.Td>{token.expiresAt ? formatDate(token.expiresAt) : t('common.never')}</Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[state]} variant="light">
                        {t(`tokens.states.${state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {state === 'active' && (
                        <ConfirmButton
                          size="xs"
                          variant="default"
                          aria-label={t('tokens.revokeNamed', { name: token.name })}
                          title={t('tokens.revokeTitle', { name: token.name })}
                          message={t('tokens.revokeMessage')}
                          confirmLabel={t('tokens.revoke')}
                          onConfirm={() => revoke.mutate(token.id)}
                        >
                          {t('tokens.revoke')}
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {tokens.isPending && <Text>{t('common.loading')}</Text>}
        {tokens.isSuccess && items.length === 0 && <Text>{t('tokens.empty')}</Text>}
      </Stack>
    </>
  );
}
