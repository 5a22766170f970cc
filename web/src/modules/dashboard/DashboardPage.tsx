import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { RouterAnchor } from '../../app/ui/links.tsx';
import { PageHeader } from '../../app/ui/PageHeader.tsx';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg">
        {value}
      </Text>
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useSession();
  const country = (() => {
    try {
      return new Intl.DisplayNames([t('meta.locale')], { type: 'region' }).of(me.company.country) ?? me.company.country;
    } catch {
      return me.company.country;
    }
  })();

  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.welcome', { name: me.user.name })} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label={t('dashboard.company')} value={me.company.name} />
          <Fact label={t('dashboard.baseCurrency')} value={me.company.baseCurrency} />
          <Fact label={t('dashboard.country')} value={`${country} (${me.company.country})`} />
        </SimpleGrid>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('dashboard.roles')}
          </Title>
          <Group gap="xs">
            {me.roles.length === 0 && <Text>{t('common.none')}</Text>}
            {me.roles.map((role) => (
              <Badge key={role} variant="light">
                {t(`roles.${role}`, { defaultValue: role })}
              </Badge>
            ))}
          </Group>
        </Card>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('dashboard.quickLinks')}
          </Title>
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            <li>
              <RouterAnchor to="/admin/users">{t('dashboard.linkUsers')}</RouterAnchor>
            </li>
            <li>
              <RouterAnchor to="/admin/audit">{t('dashboard.linkAudit')}</RouterAnchor>
            </li>
            <li>
              <RouterAnchor to="/admin/tokens">{t('dashboard.linkTokens')}</RouterAnchor>
            </li>
            <li>
              <RouterAnchor to="/admin/company">{t('dashboard.linkSettings')}</RouterAnchor>
            </li>
            <li>
              <RouterAnchor to="/account">{t('dashboard.linkAccount')}</RouterAnchor>
            </li>
          </Stack>
        </Card>
      </Stack>
    </>
  );
}
