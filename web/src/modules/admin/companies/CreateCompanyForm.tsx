import { Button, Card, Group, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQueryKey } from '../../../app/auth.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../../app/ui/field-errors.ts';
import { notifySuccess } from '../../../app/ui/notify.ts';
import { LocaleSelect } from '../company/LocaleSelect.tsx';
import { MonthSelect } from '../company/MonthSelect.tsx';
import { createCompany } from './companies-api.ts';

const FIELDS = ['slug', 'name', 'baseCurrency', 'country', 'fiscalYearStartMonth', 'locale'] as const;

export function CreateCompanyForm() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [baseCurrency, setBaseCurrency] = useState('EUR');
  const [country, setCountry] = useState('ES');
  const [month, setMonth] = useState(1);
  const [locale, setLocale] = useState(i18n.resolvedLanguage ?? 'en');

  const mutation = useMutation({
    mutationFn: createCompany,
    onSuccess: async (company) => {
      notifySuccess(t('companies.createdNotice', { name: company.name }));
      setSlug('');
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['companies'] });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({
      slug: slug.trim(),
      name: name.trim(),
      baseCurrency: baseCurrency.trim().toUpperCase(),
      country: country.trim().toUpperCase(),
      fiscalYearStartMonth: month,
      locale,
    });
  };
  const errors = fieldErrors(mutation.error);

  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('companies.createTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error} fields={FIELDS} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('companies.slug')}
              description={t('companies.slugHint')}
              required
              value={slug}
              onChange={(e) => setSlug(e.currentTarget.value.toLowerCase())}
              error={errors.slug}
            />
            <TextInput
              label={t('companies.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <TextInput
              label={t('company.baseCurrency')}
              description={t('company.baseCurrencyHint')}
              required
              maxLength={3}
              value={baseCurrency}
              onChange={(e) => setBaseCurrency(e.currentTarget.value)}
              error={errors.baseCurrency}
            />
            <TextInput
              label={t('company.country')}
              description={t('company.countryHint')}
              required
              maxLength={2}
              value={country}
              onChange={(e) => setCountry(e.currentTarget.value)}
              error={errors.country}
            />
            <MonthSelect label={t('company.fiscalYearStartMonth')} value={month} onChange={setMonth} error={errors.fiscalYearStartMonth} />
            <LocaleSelect label={t('company.locale')} value={locale} onChange={setLocale} error={errors.locale} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('companies.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
