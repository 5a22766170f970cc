import { Button, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../../app/ui/field-errors.ts';
import { notifySuccess } from '../../../app/ui/notify.ts';
import { RoleSelect } from './RoleSelect.tsx';
import { createUser } from './users-api.ts';

const FIELDS = ['email', 'name', 'password', 'roles'] as const;

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: async (member) => {
      notifySuccess(t('users.createdNotice', { email: member.email }));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      close();
    },
  });

  function close() {
    setEmail('');
    setName('');
    setPassword('');
    setRoles([]);
    mutation.reset();
    onClose();
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({ email: email.trim(), name: name.trim(), password, roles });
  };
  const errors = fieldErrors(mutation.error);

  return (
    <Modal opened={opened} onClose={close} title={t('users.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error} fields={FIELDS} />
          <TextInput
            label={t('users.email')}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            data-autofocus
          />
          <TextInput label={t('users.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <RoleSelect value={roles} onChange={setRoles} error={errors.roles} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
