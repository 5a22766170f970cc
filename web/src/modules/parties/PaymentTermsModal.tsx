import { ActionIcon, Button, Fieldset, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { createPaymentTerms, type Installment, type PaymentTerms, paymentTermsQuery } from './parties-api.ts';

interface InstallmentDraft {
  key: number;
  percent: string;
  days: string;
}

let nextKey = 1;
const blankInstallment = (percent = '', days = ''): InstallmentDraft => ({ key: nextKey++, percent, days });

/** "100.00" → "100", "33.30" → "33.3": percentages as people write them. */
function shortPercent(percent: string): string {
  return percent.includes('.') ? percent.replace(/\.?0+$/, '') : percent;
}

/** "50% now, 50% at 60 days". */
export function useInstallmentsText() {
  const { t } = useTranslation();
  return (terms: Pick<PaymentTerms, 'installments'>) =>
    terms.installments
      .map((i) =>
        i.days === 0
          ? t('parties.terms.installmentNow', { percent: shortPercent(i.percent) })
          : t('parties.terms.installment', { percent: shortPercent(i.percent), count: i.days }),
      )
      .join(', ');
}

/** The company's payment terms, and a form to add new ones (the API checks the percentages add up to 100). */
export function PaymentTermsModal({ canWrite, onClose }: { canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const terms = useQuery(paymentTermsQuery);
  const installmentsText = useInstallmentsText();
  const [name, setName] = useState('');
  const [rows, setRows] = useState<InstallmentDraft[]>(() => [blankInstallment('100', '30')]);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: createPaymentTerms,
    onSuccess: async (created) => {
      notifySuccess(t('parties.terms.createdNotice', { name: created.name }));
      await queryClient.invalidateQueries({ queryKey: ['parties', 'payment-terms'] });
      setName('');
      setRows([blankInstallment('100', '30')]);
    },
  });

  const update = (key: number, patch: Partial<InstallmentDraft>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = t('parties.form.errors.required');
    rows.forEach((row, i) => {
      if (!row.percent.trim()) missing[`installments.${i}.percent`] = t('parties.form.errors.required');
      if (!row.days.trim()) missing[`installments.${i}.days`] = t('parties.form.errors.required');
    });
    setLocalErrors(missing);
    if (Object.keys(missing).length > 0) return;
    mutation.mutate({
      name: name.trim(),
      installments: rows.map((row): Installment => ({ percent: row.percent.trim().replace(',', '.'), days: Number(row.days.trim()) })),
    });
  };

  const errors: Record<string, string | undefined> = { ...fieldErrors(mutation.error), ...localErrors };
  const fields = ['name', 'installments', ...rows.flatMap((_, i) => [`installments.${i}.percent`, `installments.${i}.days`])];

  return (
    <Modal opened onClose={onClose} title={t('parties.terms.title')} size="lg">
      <Stack>
        <ErrorAlert error={terms.error} />
        <Table striped>
          <Table.Caption>{t('parties.terms.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('parties.terms.name')}</Table.Th>
              <Table.Th scope="col">{t('parties.terms.installments')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(terms.data?.items ?? []).map((term) => (
              <Table.Tr key={term.id}>
                <Table.Td>{term.name}</Table.Td>
                <Table.Td>{installmentsText(term)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {terms.isPending && <Text>{t('common.loading')}</Text>}

        {canWrite && (
          <form onSubmit={submit} noValidate>
            <Fieldset legend={t('parties.terms.create')}>
              <Stack>
                <ErrorAlert error={mutation.error} fields={fields} />
                <TextInput
                  label={t('parties.terms.name')}
                  required
                  maxLength={100}
                  autoComplete="off"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={errors.name}
                />
                <Text size="sm" fw={500}>
                  {t('parties.terms.installments')}
                </Text>
                {rows.map((row, i) => {
                  const n = i + 1;
                  return (
                    <Group key={row.key} align="flex-start" wrap="nowrap">
                      <TextInput
                        label={t('parties.terms.percentN', { n })}
                        required
                        inputMode="decimal"
                        autoComplete="off"
                        rightSection="%"
                        value={row.percent}
                        onChange={(e) => update(row.key, { percent: e.currentTarget.value })}
                        error={errors[`installments.${i}.percent`]}
                        w={160}
                      />
                      <TextInput
                        label={t('parties.terms.daysN', { n })}
                        description={t('parties.terms.daysHint')}
                        required
                        inputMode="numeric"
                        autoComplete="off"
                        value={row.days}
                        onChange={(e) => update(row.key, { days: e.currentTarget.value })}
                        error={errors[`installments.${i}.days`]}
                        w={200}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        mt={28}
                        disabled={rows.length <= 1}
                        onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                        aria-label={t('parties.terms.removeN', { n })}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  );
                })}
                {errors.installments && (
                  <Text size="sm" c="red.8" role="alert">
                    {errors.installments}
                  </Text>
                )}
                <Group justify="space-between">
                  <Button
                    variant="default"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    onClick={() => setRows((all) => [...all, blankInstallment()])}
                    disabled={rows.length >= 12}
                  >
                    {t('parties.terms.addInstallment')}
                  </Button>
                  <Button type="submit" loading={mutation.isPending}>
                    {t('parties.terms.save')}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          </form>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
