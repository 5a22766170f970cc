import { Button, Card, PasswordInput, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { changePassword, MIN_PASSWORD_LENGTH } from './account-api.ts';

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      notifySuccess(t('account.passwordChanged'));
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (newPassword.length < MIN_PASSWORD_LENGTH) problems.newPassword = t('account.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
    if (confirm !== newPassword) problems.confirm = t('account.passwordMismatch');
    setLocalErrors(problems);
    if (Object.keys(problems).length === 0) mutation.mutate({ currentPassword, newPassword });
  };
  const errors = { ...fieldErrors(mutation.error), ...localErrors };

  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('account.changePassword')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={420}>
          <ErrorAlert error={mutation.error} fields={['currentPassword', 'newPassword']} />
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('account.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            value={newPassword}
            onChange={(e) => setNewPassword(e.currentTarget.value)}
            error={errors.newPassword}
          />
          <PasswordInput
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
          />
          <Button type="submit" loading={mutation.isPending} w="fit-content">
            {t('account.changePassword')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
