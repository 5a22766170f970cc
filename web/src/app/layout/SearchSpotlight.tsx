import { Button, Kbd } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, type SpotlightActionData, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Items, SearchResult } from '../types.ts';
import { allNavItems } from './nav-items.ts';

/** The header's search box: opens the spotlight (also on ⌘K / Ctrl+K). */
export function SearchButton() {
  const { t } = useTranslation();
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <Button
      variant="default"
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={<Kbd size="xs">{isMac ? '⌘K' : 'Ctrl K'}</Kbd>}
      onClick={() => spotlight.open()}
      aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
      visibleFrom="sm"
      fw={400}
    >
      {t('header.search')}
    </Button>
  );
}

/** Navigation actions plus results from GET /search?q=. */
export function SearchSpotlight() {
  const { t } = useTranslation();
  const router = useRouter();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const results = useQuery({
    queryKey: ['search', debounced],
    queryFn: () => api.get<Items<SearchResult>>('/search', { q: debounced }),
    enabled: debounced.length >= 2,
    staleTime: 30_000,
  });

  const go = (url: string) => {
    if (url.startsWith('/') && !url.startsWith('//')) router.history.push(url);
  };

  const needle = query.trim().toLowerCase();
  const navigation: SpotlightActionData[] = allNavItems
    .map((item) => ({ item, label: t(item.label) }))
    .filter(({ label }) => !needle || label.toLowerCase().includes(needle))
    .map(({ item, label }) => {
      const Icon = item.icon;
      return {
        id: `nav:${item.to}`,
        label,
        description: t('search.goTo', { page: label }),
        leftSection: <Icon size={18} aria-hidden />,
        onClick: () => go(item.to),
      };
    });
  const found: SpotlightActionData[] = (debounced.length >= 2 ? (results.data?.items ?? []) : []).map((r) => ({
    id: `result:${r.type}:${r.id}`,
    label: r.title,
    description: r.subtitle ?? r.type,
    onClick: () => go(r.url),
  }));

  const actions = [
    ...(found.length > 0 ? [{ group: t('search.results'), actions: found }] : []),
    ...(navigation.length > 0 ? [{ group: t('search.navigation'), actions: navigation }] : []),
  ];

  return (
    <Spotlight
      actions={actions}
      query={query}
      onQueryChange={setQuery}
      filter={(_q, all) => all}
      nothingFound={results.isFetching ? t('common.loading') : t('search.nothingFound')}
      shortcut={['mod + K']}
      limit={15}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': t('search.results') } }}
      attributes={{ content: { 'aria-label': t('search.label') } }}
      searchProps={{
        leftSection: <IconSearch size={18} aria-hidden />,
        placeholder: t('search.placeholder'),
        'aria-label': t('search.label'),
      }}
    />
  );
}
