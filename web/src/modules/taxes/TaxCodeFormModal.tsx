import { Alert, Button, Checkbox, Fieldset, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { accountName, type LedgerAccount, wholeChartQuery } from '../finance/finance-api.ts';
import { emptyTaxDraft, missingTaxFields, newTaxCodeBody, type TaxCodeDraft, taxCodePatchBody, taxDraftOf } from './tax-form.ts';
import {
  createTaxCode,
  TAX_CATEGORIES,
  TAX_KINDS,
  TAX_SCOPES,
  type TaxCategory,
  type TaxCode,
  type TaxKind,
  type TaxScope,
  updateTaxCode,
} from './taxes-api.ts';

type AccountField = 'salesAccountId' | 'purchasesAccountId' | 'reverseChargeAccountId';
const ACCOUNT_FIELDS: AccountField[] = ['salesAccountId', 'purchasesAccountId', 'reverseChargeAccountId'];
/** Taxes are posted to these kinds of account only (the API refuses the others). */
const TAX_ACCOUNT_TYPES: readonly string[] = ['asset', 'liability', 'expense'];
type Flag = 'priceIncluded' | 'compound' | 'reverseCharge';
const FLAGS: Flag[] = ['priceIncluded', 'compound', 'reverseCharge'];

const FIELDS = [
  'code',
  'name',
  'nameEs',
  'kind',
  'category',
  'rate',
  'scope',
  'priceIncluded',
  'compound',
  'reverseCharge',
  'exemptionCode',
  'exemptionReason',
  ...ACCOUNT_FIELDS,
];

interface TaxCodeFormModalProps {
  /** The code being edited, or null for a new one. */
  editing: TaxCode | null;
  onClose: () => void;
  onSaved: (code: TaxCode) => void;
}

/** Adds a tax code, or changes what may change on one (its rate, kind and flags never do). */
export function TaxCodeFormModal({ editing, onClose, onSaved }: TaxCodeFormModalProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TaxCodeDraft>(() => (editing ? taxDraftOf(editing) : emptyTaxDraft()));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const accounts = useQuery(wholeChartQuery('exclude'));

  const mutation = useMutation({
    mutationFn: (value: TaxCodeDraft) =>
      editing ? updateTaxCode(editing.id, taxCodePatchBody(editing, value)) : createTaxCode(newTaxCodeBody(value)),
    onSuccess: async (code) => {
      notifySuccess(t(editing ? 'taxes.savedNotice' : 'taxes.createdNotice', { code: code.code }));
      await queryClient.invalidateQueries({ queryKey: ['taxes'] });
      onSaved(code);
    },
  });

  const set = <K extends keyof TaxCodeDraft>(field: K, value: TaxCodeDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const text = (field: 'code' | 'name' | 'nameEs' | 'rate' | 'exemptionCode') =>
    ({
      value: draft[field],
      onChange: (event: React.ChangeEvent<HTMLInputElement>) => set(field, event.currentTarget.value),
    }) as const;

  // After a refused save, go to the first field in error, else to the general alert.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!mutation.error && Object.keys(localErrors).length === 0) return;
    const form = formRef.current;
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else form?.querySelector('[role="alert"]')?.scrollIntoView({ block: 'nearest' });
  }, [mutation.error, localErrors]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = missingTaxFields(draft, editing !== null);
    if (Object.keys(missing).length > 0) {
      setLocalErrors(Object.fromEntries(Object.entries(missing).map(([field, key]) => [field, t(key)])));
      mutation.reset();
      return;
    }
    setLocalErrors({});
    mutation.mutate(draft);
  };

  const errors: Record<string, string | undefined> = { ...fieldErrors(mutation.error), ...localErrors };
  const accountOptions = (accounts.data ?? [])
    .filter((a: LedgerAccount) => TAX_ACCOUNT_TYPES.includes(a.type))
    .map((a) => ({ value: a.id, label: `${a.code} — ${accountName(a, language)}` }));
  const isWithholding = draft.kind === 'withholding';
  const fixed = editing !== null;

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('taxes.form.editTitle', { code: editing.code }) : t('taxes.form.createTitle')}
      size="xl"
      closeOnClickOutside={false}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error ?? accounts.error} fields={FIELDS} />
          {fixed && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
              {t('taxes.form.fixedNote')}
            </Alert>
          )}
          <Fieldset legend={t('taxes.form.definition')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('taxes.fields.code')}
                description={fixed ? undefined : t('taxes.form.codeHint')}
                required={!fixed}
                readOnly={fixed}
                maxLength={20}
                autoComplete="off"
                {...text('code')}
                error={errors.code}
                data-autofocus={fixed ? undefined : true}
              />
              <Select
                label={t('taxes.fields.kind')}
                data={TAX_KINDS.map((value) => ({ value, label: t(`taxes.kinds.${value}`) }))}
                value={draft.kind}
                onChange={(value) =>
                  setDraft((d) => {
                    const kind = (value ?? 'vat') as TaxKind;
                    return { ...d, kind, category: kind === 'withholding' ? null : (d.category ?? 'S') };
                  })
                }
                error={errors.kind}
                readOnly={fixed}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label={t('taxes.fields.rate')}
                description={fixed ? undefined : t('taxes.form.rateHint')}
                required={!fixed}
                readOnly={fixed}
                inputMode="decimal"
                autoComplete="off"
                rightSection="%"
                maxLength={9}
                {...text('rate')}
                error={errors.rate}
              />
              <Select
                label={t('taxes.fields.category')}
                description={isWithholding ? t('taxes.form.categoryWithholding') : undefined}
                placeholder={isWithholding ? t('taxes.form.noCategory') : undefined}
                data={TAX_CATEGORIES.map((value) => ({ value, label: `${value} — ${t(`taxes.categories.${value}`)}` }))}
                value={isWithholding ? null : draft.category}
                onChange={(value) => set('category', value as TaxCategory | null)}
                error={errors.category}
                required={!isWithholding}
                disabled={isWithholding}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('taxes.fields.scope')}
                data={TAX_SCOPES.map((value) => ({ value, label: t(`taxes.scopes.${value}`) }))}
                value={draft.scope}
                onChange={(value) => set('scope', (value ?? 'both') as TaxScope)}
                error={errors.scope}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
            <Stack gap="xs" mt="md">
              {FLAGS.map((flag) => (
                <Checkbox
                  key={flag}
                  label={t(`taxes.flags.${flag}`)}
                  description={t(`taxes.form.flagHints.${flag}`)}
                  checked={draft[flag]}
                  onChange={(e) => set(flag, e.currentTarget.checked)}
                  disabled={fixed}
                  error={errors[flag]}
                />
              ))}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('taxes.form.names')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('taxes.fields.name')}
                required
                maxLength={100}
                autoComplete="off"
                {...text('name')}
                error={errors.name}
                data-autofocus={fixed ? true : undefined}
              />
              <TextInput label={t('taxes.fields.nameEs')} maxLength={100} autoComplete="off" {...text('nameEs')} error={errors.nameEs} />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('taxes.form.exemption')}>
            <Text size="sm" c="dimmed" mb="sm">
              {t('taxes.form.exemptionHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('taxes.fields.exemptionCode')}
                placeholder="VATEX-EU-IC"
                maxLength={30}
                autoComplete="off"
                {...text('exemptionCode')}
                error={errors.exemptionCode}
              />
              <Textarea
                label={t('taxes.fields.exemptionReason')}
                autosize
                minRows={1}
                maxRows={4}
                maxLength={300}
                value={draft.exemptionReason}
                onChange={(e) => set('exemptionReason', e.currentTarget.value)}
                error={errors.exemptionReason}
                style={{ gridColumn: 'span 2' }}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('taxes.form.accounts')}>
            <Text size="sm" c="dimmed" mb="sm">
              {t('taxes.form.accountsHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {ACCOUNT_FIELDS.map((field) => (
                <Select
                  key={field}
                  label={t(`taxes.fields.${field}`)}
                  placeholder={t('taxes.form.noAccount')}
                  data={accountOptions}
                  value={draft[field]}
                  onChange={(value) => set(field, value)}
                  error={errors[field]}
                  required={field === 'reverseChargeAccountId' && draft.reverseCharge}
                  searchable
                  clearable
                  nothingFoundMessage={t('taxes.form.noMatch')}
                  comboboxProps={{ withinPortal: true }}
                />
              ))}
            </SimpleGrid>
          </Fieldset>

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('taxes.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
