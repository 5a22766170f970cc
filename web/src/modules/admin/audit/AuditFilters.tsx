import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilterValues, emptyFilters } from './audit-api.ts';

interface AuditFiltersProps {
  value: AuditFilterValues;
  onApply: (filters: AuditFilterValues) => void;
}

export function AuditFilters({ value, onApply }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const set = (key: keyof AuditFilterValues) => (event: { currentTarget: { value: string } }) => {
    const next = event.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: next }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form onSubmit={submit} aria-label={t('audit.filters')}>
      <Group align="flex-end" gap="sm">
        <TextInput label={t('audit.action')} placeholder="user.created" value={draft.action} onChange={set('action')} w={180} />
        <TextInput label={t('audit.entityType')} placeholder="user" value={draft.entityType} onChange={set('entityType')} w={160} />
        <TextInput label={t('audit.actor')} value={draft.actor} onChange={set('actor')} w={200} />
        <TextInput label={t('audit.from')} type="date" value={draft.from} onChange={set('from')} w={160} />
        <TextInput label={t('audit.to')} type="date" value={draft.to} onChange={set('to')} w={160} />
        <Button type="submit">{t('common.apply')}</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft(emptyFilters);
            onApply(emptyFilters);
          }}
        >
          {t('common.clear')}
        </Button>
      </Group>
    </form>
  );
}
