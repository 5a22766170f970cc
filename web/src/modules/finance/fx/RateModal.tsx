import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../../app/ui/field-errors.ts';
import { notifySuccess } from '../../../app/ui/notify.ts';
import { today } from '../day.ts';
import { type ExchangeRate, type RateForm, rateForm, setRate } from './fx-api.ts';

const FIELDS = ['currency', 'quote', 'date', 'rate'] as const;

/** Adds a rate, or edits one (same pair and date: the API replaces it). Checked with Zod before it is sent. */
export function RateModal({ editing, onClose }: { editing: ExchangeRate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<RateForm>(
    editing
      ? { currency: editing.currency, quote: editing.quote, date: editing.date, rate: editing.rate }
      : { currency: '', quote: '', date: today(), rate: '' },
  );
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: setRate,
    onSuccess: async (rate) => {
      notifySuccess(t('fx.rates.savedNotice', { currency: rate.currency, quote: rate.quote, date: rate.date }));
      await queryClient.invalidateQueries({ queryKey: ['ledger', 'fx'] });
      onClose();
    },
  });

  const set = (field: keyof RateForm) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = field === 'currency' || field === 'quote' ? event.currentTarget.value.toUpperCase() : event.currentTarget.value;
    setForm((f) => ({ ...f, [field]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = rateForm.safeParse({ ...form, rate: form.rate.trim().replace(',', '.') });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        errors[field] ??= t(`fx.form.errors.${issue.message}`);
      }
      setLocalErrors(errors);
      return;
    }
    setLocalErrors({});
    mutation.mutate(parsed.data);
  };
  const errors = { ...fieldErrors(mutation.error), ...localErrors };

  return (
    <Modal opened onClose={onClose} title={editing ? t('fx.form.editTitle') : t('fx.form.addTitle')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error} fields={FIELDS} />
          <TextInput
            label={t('fx.form.currency')}
            description={t('fx.form.currencyHint')}
            required
            maxLength={3}
            autoComplete="off"
            value={form.currency}
            onChange={set('currency')}
            error={errors.currency}
            readOnly={editing !== null}
            data-autofocus
          />
          <TextInput
            label={t('fx.form.quote')}
            description={t('fx.form.quoteHint')}
            maxLength={3}
            autoComplete="off"
            value={form.quote}
            onChange={set('quote')}
            error={errors.quote}
            readOnly={editing !== null}
          />
          <TextInput
            label={t('fx.form.date')}
            type="date"
            required
            value={form.date}
            onChange={set('date')}
            error={errors.date}
            readOnly={editing !== null}
          />
          <TextInput
            label={t('fx.form.rate')}
            description={t('fx.form.rateHint')}
            required
            inputMode="decimal"
            autoComplete="off"
            value={form.rate}
            onChange={set('rate')}
            error={errors.rate}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('fx.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
