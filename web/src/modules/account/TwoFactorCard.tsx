import { Badge, Button, Card, Code, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQueryKey, useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { disableTotp, enableTotp, startTotpSetup } from './account-api.ts';

function EnableTwoFactor() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const setup = useMutation({ mutationFn: startTotpSetup });
  const enable = useMutation({
    mutationFn: enableTotp,
    onSuccess: async () => {
      notifySuccess(t('account.totpEnabledNotice'));
      setup.reset();
      setCode('');
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });

  if (!setup.data) {
    return (
      <Stack gap="sm">
        <Text>{t('account.totpOff')}</Text>
        <ErrorAlert error={setup.error} />
        <Button onClick={() => setup.mutate()} loading={setup.isPending} w="fit-content">
          {t('account.totpSetup')}
        </Button>
      </Stack>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    enable.mutate(code);
  };
  return (
    <Stack gap="sm">
      <Text>{t('account.totpScan')}</Text>
      <div style={{ background: '#fff', padding: 12, width: 'fit-content', borderRadius: 8 }}>
        <QRCodeSVG value={setup.data.otpauthUri} size={192} title={t('account.totpQr')} role="img" aria-label={t('account.totpQr')} />
      </div>
      <Text size="sm">{t('account.totpSecret')}</Text>
      <Code block aria-label={t('account.totpSecretLabel')}>
        {setup.data.secret}
      </Code>
      <form onSubmit={submit} noValidate>
        <Stack maw={320} gap="sm">
          <ErrorAlert error={enable.error} fields={['code']} />
          <TextInput
            label={t('account.totpCode')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/\s/g, ''))}
            error={fieldErrors(enable.error).code}
          />
          <Group>
            <Button type="submit" loading={enable.isPending}>
              {t('account.totpConfirm')}
            </Button>
            <Button variant="default" onClick={() => setup.reset()}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function DisableTwoFactor() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const disable = useMutation({
    mutationFn: disableTotp,
    onSuccess: async () => {
      notifySuccess(t('account.totpDisabledNotice'));
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate(password);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={320} gap="sm">
        <Text>{t('account.totpOn')}</Text>
        <ErrorAlert error={disable.error} fields={['password']} />
        <PasswordInput
          label={t('account.totpDisablePassword')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldErrors(disable.error).password}
        />
        <Button type="submit" color="red" loading={disable.isPending} w="fit-content">
          {t('account.totpDisable')}
        </Button>
      </Stack>
    </form>
  );
}

export function TwoFactorCard() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('account.twoFactor')}
        </Title>
        <Badge color={me.user.totpEnabled ? 'green' : 'gray'} variant="light">
          {me.user.totpEnabled ? t('account.totpStatusOn') : t('account.totpStatusOff')}
        </Badge>
      </Group>
      {me.user.totpEnabled ? <DisableTwoFactor /> : <EnableTwoFactor />}
    </Card>
  );
}
