import { Button, Card, Group, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQueryKey } from '../../../app/auth.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../../app/ui/field-errors.ts';
import { notifySuccess } from '../../../app/ui/notify.ts';
import { RegionalFields, type RegionalValues, regionalPayload } from '../company/RegionalFields.tsx';
import { createCompany } from './companies-api.ts';

const FIELDS = ['slug', 'name', 'baseCurrency', 'country', 'fiscalYearStartMonth', 'locale'] as const;

export function CreateCompanyForm() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [regional, setRegional] = useState<RegionalValues>({
    baseCurrency: 'EUR',
    country: 'ES',
    month: 1,
    locale: i18n.resolvedLanguage ?? 'en',
  });

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
      ...regionalPayload(regional),
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
            <RegionalFields values={regional} onChange={(next) => setRegional((r) => ({ ...r, ...next }))} errors={errors} />
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
