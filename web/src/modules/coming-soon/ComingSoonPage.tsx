import { Card, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ModuleKey } from '../../app/layout/nav-items.ts';
import { RouterAnchor } from '../../app/ui/links.tsx';
import { PageHeader } from '../../app/ui/PageHeader.tsx';

/** An honest placeholder: the module is planned but not built, so there is nothing to show. */
export function ComingSoonPage({ module }: { module: ModuleKey }) {
  const { t } = useTranslation();
  const name = t(`nav.${module}`);
  return (
    <>
      <PageHeader title={name} />
      <Card withBorder padding="lg" maw={720}>
        <Text fw={600} mb="xs">
          {t('comingSoon.heading')}
        </Text>
        <Text mb="sm">{t(`comingSoon.modules.${module}`)}</Text>
        <Text mb="md">{t('comingSoon.body', { module: name })}</Text>
        <RouterAnchor to="/">{t('comingSoon.back')}</RouterAnchor>
      </Card>
    </>
  );
}
