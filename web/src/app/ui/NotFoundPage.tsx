import { Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RouterAnchor } from './links.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Title order={1}>{t('notFound.title')}</Title>
        <Text>{t('notFound.body')}</Text>
        <RouterAnchor to="/">{t('notFound.home')}</RouterAnchor>
      </Stack>
    </Container>
  );
}
