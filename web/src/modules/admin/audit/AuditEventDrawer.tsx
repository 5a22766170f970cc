import { Code, Drawer, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../app/types.ts';
import { formatDateTime } from '../../../app/ui/format.ts';

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {label}
      </Title>
      {value === null || value === undefined ? (
        <Text c="dimmed">{t('common.none')}</Text>
      ) : (
        <Code block className="trastienda-json">
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    </div>
  );
}

export function AuditEventDrawer({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={event !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={event ? t('audit.eventTitle', { seq: event.seq, action: event.action }) : ''}
    >
      {event && (
        <Stack>
          <SimpleGrid cols={2} component="dl" m={0}>
            <Row label={t('audit.time')} value={formatDateTime(event.occurredAt)} />
            <Row label={t('audit.actor')} value={event.actorLabel ?? event.actorId ?? '—'} />
            <Row label={t('audit.entityType')} value={event.entityType} />
            <Row label={t('audit.entityId')} value={event.entityId ?? '—'} />
            <Row label={t('audit.requestId')} value={event.requestId ?? '—'} />
            <Row label={t('audit.hash')} value={event.hash} />
          </SimpleGrid>
          <JsonBlock label={t('audit.before')} value={event.before} />
          <JsonBlock label={t('audit.after')} value={event.after} />
        </Stack>
      )}
    </Drawer>
  );
}
