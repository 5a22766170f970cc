import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MeContext, useMe } from '../auth.ts';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { CompanySwitcher } from './CompanySwitcher.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Navbar } from './Navbar.tsx';
import { BrandIcon } from './nav-items.ts';
import { SearchButton, SearchSpotlight } from './SearchSpotlight.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in shell: header, navigation and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const me = useMe().data;
  if (!me) return null; // signing out: the router is on its way to /login

  return (
    <MeContext.Provider value={me}>
      <a href="#main" className="trastienda-skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNavigation')} />
              <BrandIcon size={26} aria-hidden />
              <Text fw={700} size="lg" visibleFrom="xs">
                {t('app.name')}
              </Text>
              <CompanySwitcher />
            </Group>
            <Group gap="xs" wrap="nowrap">
              <SearchButton />
              <LanguageSwitch />
              <ColorSchemeToggle />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <Navbar onNavigate={close} />
        <AppShell.Main id="main" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <SearchSpotlight />
    </MeContext.Provider>
  );
}
