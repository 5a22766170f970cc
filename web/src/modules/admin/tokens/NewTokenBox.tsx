import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../../app/types.ts';

/** The secret is shown exactly once, right after creation. */
export function NewTokenBox({ token, onDismiss }: { token: CreatedApiToken; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('tokens.createdTitle', { name: token.name })}
      role="status"
    >
      <Stack gap="sm">
        <Text size="sm">{t('tokens.onceWarning')}</Text>
        <Code block aria-label={t('tokens.secretLabel')} data-testid="new-token">
          {token.token}
        </Code>
        <Group>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button size="xs" color={copied ? 'green' : undefined} onClick={copy}>
                {copied ? t('common.copied') : t('tokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onDismiss}>
            {t('tokens.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
