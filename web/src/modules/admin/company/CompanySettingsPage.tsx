import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { PageHeader } from '../../../app/ui/PageHeader.tsx';
import { CompanyForm } from './CompanyForm.tsx';
import { currentCompanyQuery } from './company-api.ts';

export function CompanySettingsPage() {
  const { t } = useTranslation();
  const company = useQuery(currentCompanyQuery);
  return (
    <>
      <PageHeader title={t('company.title')} description={t('company.description')} />
      <ErrorAlert error={company.error} />
      {company.isPending && <Text>{t('common.loading')}</Text>}
      {company.data && <CompanyForm key={`${company.data.id}:${company.data.version}`} company={company.data} />}
    </>
  );
}
