import { Button, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../app/types.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { formatDateTime } from '../../../app/ui/format.ts';
import { PagedListFooter } from '../../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../../app/ui/PageHeader.tsx';
import { AuditEventDrawer } from './AuditEventDrawer.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { auditEventsQuery, emptyFilters } from './audit-api.ts';
import { VerifyChain } from './VerifyChain.tsx';

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState(emptyFilters);
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const events = useInfiniteQuery(auditEventsQuery(filters));
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Stack>
        <VerifyChain />
        <AuditFilters value={filters} onApply={setFilters} />
        <ErrorAlert error={events.error} />
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('audit.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.seq')}</Table.Th>
                <Table.Th scope="col">{t('audit.time')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.entityType')}</Table.Th>
                <Table.Th scope="col">{t('audit.entityId')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((event) => (
                <Table.Tr key={event.id} onClick={() => setSelected(event)} style={{ cursor: 'pointer' }}>
                  <Table.Td>{event.seq}</Table.Td>
                  <Table.Td>{formatDateTime(event.occurredAt)}</Table.Td>
                  <Table.Td>{event.actorLabel ?? event.actorId ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {event.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>{event.entityType}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="xs" style={{ wordBreak: 'break-all' }}>
                      {event.entityId ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('audit.viewEvent', { seq: event.seq })}
                      onClick={(e) => {
                        e.stopPropagation();
                        setSelected(event);
                      }}
                    >
                      {t('audit.view')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={events} count={items.length} empty={t('audit.empty')} />
      </Stack>
      <AuditEventDrawer event={selected} onClose={() => setSelected(null)} />
    </>
  );
}
