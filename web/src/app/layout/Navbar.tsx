import { AppShell, NavLink, ScrollArea, Text } from '@mantine/core';
import { useRouter, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { adminItems, dashboardItem, financeItems, moduleItems, type NavItem } from './nav-items.ts';

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

function NavSection({ title, items, onNavigate }: { title?: string; items: NavItem[]; onNavigate: () => void }) {
  const { t } = useTranslation();
  const router = useRouter();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <>
      {title && (
        <Text component="h2" size="xs" fw={700} tt="uppercase" c="dimmed" mt="md" mb={4} px="sm">
          {title}
        </Text>
      )}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item) => {
          const Icon = item.icon;
          const active = isActive(pathname, item.to);
          return (
            <li key={item.to}>
              <NavLink
                component="a"
                href={item.to}
                label={t(item.label)}
                leftSection={<Icon size={18} aria-hidden />}
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  onNavigate();
                  void router.navigate({ to: item.to });
                }}
              />
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function Navbar({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.mainNavigation')}>
      <AppShell.Section grow component={ScrollArea}>
        <NavSection items={[dashboardItem]} onNavigate={onNavigate} />
        <NavSection title={t('nav.finance')} items={financeItems} onNavigate={onNavigate} />
        <NavSection title={t('nav.modules')} items={moduleItems} onNavigate={onNavigate} />
        <NavSection title={t('nav.administration')} items={adminItems} onNavigate={onNavigate} />
      </AppShell.Section>
    </AppShell.Navbar>
  );
}
