import { MultiSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { rolesQuery } from './users-api.ts';

interface RoleSelectProps {
  value: string[];
  onChange: (roles: string[]) => void;
  error?: string;
}

/** Roles offered by GET /roles, with translated names. */
export function RoleSelect({ value, onChange, error }: RoleSelectProps) {
  const { t } = useTranslation();
  const roles = useQuery(rolesQuery);
  return (
    <MultiSelect
      label={t('users.roles')}
      placeholder={value.length === 0 ? t('users.rolesPlaceholder') : undefined}
      data={(roles.data?.items ?? []).map((r) => ({ value: r.role, label: t(`roles.${r.role}`, { defaultValue: r.role }) }))}
      value={value}
      onChange={onChange}
      error={error ?? (roles.error ? t('users.rolesUnavailable') : undefined)}
      searchable
      withScrollArea={false}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}
