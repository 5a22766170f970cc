import { Alert, Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api.ts';
import { meQueryKey } from '../../../app/auth.ts';
import type { Company } from '../../../app/types.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../../app/ui/field-errors.ts';
import { notifySuccess } from '../../../app/ui/notify.ts';
import { updateCurrentCompany } from './company-api.ts';
import { RegionalFields, type RegionalValues, regionalPayload } from './RegionalFields.tsx';

const FIELDS = ['name', 'legalName', 'taxId', 'address', 'baseCurrency', 'country', 'fiscalYearStartMonth', 'locale'] as const;

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** Edits the current company; keyed by version by its parent, so a saved or reloaded company resets it. */
export function CompanyForm({ company }: { company: Company }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(company.name);
  const [legalName, setLegalName] = useState(company.legalName ?? '');
  const [taxId, setTaxId] = useState(company.taxId ?? '');
  const [address, setAddress] = useState(company.address ?? '');
  const [regional, setRegional] = useState<RegionalValues>({
    baseCurrency: company.baseCurrency,
    country: company.country,
    month: company.fiscalYearStartMonth,
    locale: company.locale,
  });

  const mutation = useMutation({
    mutationFn: updateCurrentCompany,
    onSuccess: async (saved) => {
      notifySuccess(t('company.savedNotice'));
      queryClient.setQueryData(['companies', 'current'], saved);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['companies'] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({
      name: name.trim(),
      legalName: orNull(legalName),
      taxId: orNull(taxId),
      address: orNull(address),
      ...regionalPayload(regional),
      version: company.version,
    });
  };
  const errors = fieldErrors(mutation.error);
  const conflict = isApiError(mutation.error, 'VERSION_CONFLICT');

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={760}>
        {conflict ? (
          <Alert color="orange" variant="light" role="alert" title={t('company.conflictTitle')}>
            {t('company.conflict')}
            <Group mt="sm">
              <Button
                size="xs"
                variant="default"
                onClick={() => void queryClient.invalidateQueries({ queryKey: ['companies', 'current'] })}
              >
                {t('common.reload')}
              </Button>
            </Group>
          </Alert>
        ) : (
          <ErrorAlert error={mutation.error} fields={FIELDS} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('company.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <TextInput
            label={t('company.legalName')}
            value={legalName}
            onChange={(e) => setLegalName(e.currentTarget.value)}
            error={errors.legalName}
          />
          <TextInput label={t('company.taxId')} value={taxId} onChange={(e) => setTaxId(e.currentTarget.value)} error={errors.taxId} />
          <RegionalFields values={regional} onChange={(next) => setRegional((r) => ({ ...r, ...next }))} errors={errors} />
        </SimpleGrid>
        <Textarea
          label={t('company.address')}
          autosize
          minRows={3}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={errors.address}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
