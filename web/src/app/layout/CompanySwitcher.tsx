import { Select } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { switchCompany, useSession } from '../auth.ts';
import { errorMessage } from '../ui/field-errors.ts';
import { notifyError, notifySuccess } from '../ui/notify.ts';

/** Picks the current company among the user's companies; every cached query is refetched after. */
export function CompanySwitcher() {
  const { t } = useTranslation();
  const me = useSession();
  const mutation = useMutation({
    mutationFn: switchCompany,
    onSuccess: (next) => notifySuccess(t('header.switchedTo', { name: next.company.name })),
    onError: (error) => notifyError(errorMessage(error, t)),
  });
  return (
    <Select
      aria-label={t('header.company')}
      data={me.companies.map((c) => ({ value: c.id, label: c.name }))}
      value={me.company.id}
      onChange={(value) => {
        if (value && value !== me.company.id) mutation.mutate(value);
      }}
      allowDeselect={false}
      disabled={mutation.isPending}
      w={{ base: 160, sm: 240 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
