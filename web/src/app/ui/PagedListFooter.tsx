import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PagedQuery {
  isPending: boolean;
  isSuccess: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** Under a server-paged table: "loading", the empty message, or "Load more" for the next cursor page. */
export function PagedListFooter({ query, count, empty }: { query: PagedQuery; count: number; empty: string }) {
  const { t } = useTranslation();
  return (
    <>
      {query.isPending && <Text>{t('common.loading')}</Text>}
      {query.isSuccess && count === 0 && <Text>{empty}</Text>}
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
