import { Button, Card, Group, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../../app/types.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../../app/ui/field-errors.ts';
import { dayToIso } from '../../../app/ui/format.ts';
import { createToken } from './tokens-api.ts';

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('');
  const mutation = useMutation({
    mutationFn: createToken,
    onSuccess: async (token) => {
      setName('');
      setExpiry('');
      onCreated(token);
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = dayToIso(expiry, true);
    mutation.mutate({ name: name.trim(), ...(expiresAt ? { expiresAt } : {}) });
  };
  const errors = fieldErrors(mutation.error);

  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('tokens.createTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <ErrorAlert error={mutation.error} fields={['name', 'expiresAt']} />
        <Group align="flex-end" mt="xs">
          <TextInput
            label={t('tokens.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            w={280}
          />
          <TextInput
            label={t('tokens.expiry')}
            description={t('tokens.expiryHint')}
            type="date"
            value={expiry}
            onChange={(e) => setExpiry(e.currentTarget.value)}
            error={errors.expiresAt}
            w={220}
          />
          <Button type="submit" loading={mutation.isPending}>
            {t('tokens.create')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
