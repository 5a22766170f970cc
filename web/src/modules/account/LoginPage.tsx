import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRouter, useSearch } from '@tanstack/react-router';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { login, safeRedirect } from '../../app/auth.ts';
import { ColorSchemeToggle } from '../../app/layout/ColorSchemeToggle.tsx';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch.tsx';
import { errorMessage, fieldErrors } from '../../app/ui/field-errors.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const search = useSearch({ from: '/login' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: () => router.history.push(safeRedirect(search.redirect)),
    onError: (error) => {
      if (isApiError(error, 'TOTP_REQUIRED')) {
        setNeedsCode(true);
        setTimeout(() => codeRef.current?.focus(), 0);
      }
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({ email, password, ...(needsCode && totpCode ? { totpCode } : {}) });
  };

  const errors = fieldErrors(mutation.error);
  const error = mutation.error;
  // TOTP_REQUIRED is a step, not a failure: it shows as a hint under the code field.
  const showError = error && !isApiError(error, 'TOTP_REQUIRED');

  return (
    <Center component="main" mih="100vh" p="md">
      <Stack w="100%" maw={420}>
        <Group justify="space-between">
          <Group gap="xs">
            <IconBuildingStore size={28} aria-hidden />
            <Text fw={700} size="xl">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="xs">
            <LanguageSwitch />
            <ColorSchemeToggle />
          </Group>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack>
              <div>
                <Title order={1} size="h2">
                  {t('login.title')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('login.subtitle')}
                </Text>
              </div>
              {showError && (
                <Alert color="red" variant="light" role="alert">
                  {errorMessage(error, t)}
                </Alert>
              )}
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={errors.email}
                autoFocus
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={errors.password}
              />
              {needsCode && (
                <TextInput
                  ref={codeRef}
                  label={t('login.totpCode')}
                  description={t('login.totpHint')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={8}
                  required
                  value={totpCode}
                  onChange={(e) => setTotpCode(e.currentTarget.value.replace(/\s/g, ''))}
                  error={errors.totpCode}
                />
              )}
              <Button type="submit" loading={mutation.isPending} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
