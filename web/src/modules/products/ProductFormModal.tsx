import { Button, Fieldset, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { accountName, type LedgerAccount, wholeChartQuery } from '../finance/finance-api.ts';
import { useProductLabels } from './product-labels.ts';
import {
  createProduct,
  PRODUCT_KINDS,
  type Product,
  type ProductKind,
  productName,
  type TaxSide,
  taxCodeLabel,
  taxCodesQuery,
  unitsQuery,
  updateProduct,
} from './products-api.ts';
import { draftOf, emptyDraft, missingFields, newProductBody, type ProductDraft, productPatchBody } from './products-form.ts';

const FIELDS = [
  'sku',
  'kind',
  'name',
  'nameEs',
  'description',
  'unit',
  'barcode',
  'salesPrice',
  'purchasePrice',
  'currency',
  'salesTaxCodeIds',
  'purchaseTaxCodeIds',
  'incomeAccountId',
  'expenseAccountId',
] as const;

type TaxField = 'salesTaxCodeIds' | 'purchaseTaxCodeIds';
const TAX_FIELDS: { field: TaxField; side: TaxSide }[] = [
  { field: 'salesTaxCodeIds', side: 'sales' },
  { field: 'purchaseTaxCodeIds', side: 'purchases' },
];

/** The API's limit on each default tax code list. */
const MAX_TAX_CODES = 5;

interface ProductFormModalProps {
  /** The product being edited, or null for a new one. */
  editing: Product | null;
  onClose: () => void;
  onSaved: (product: Product) => void;
}

/** The first error on a field or on one of its items ("salesTaxCodeIds.1" shows on the sales taxes). */
function errorOn(errors: Record<string, string | undefined>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((k) => k.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

/** Creates or edits a product. Only required fields are checked here; the API checks the rest (barcode, prices…). */
export function ProductFormModal({ editing, onClose, onSaved }: ProductFormModalProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ProductDraft>(() => (editing ? draftOf(editing) : emptyDraft(me.company.baseCurrency)));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const canReadTaxes = me.permissions.includes('taxes:read');
  const canReadLedger = me.permissions.includes('ledger:read');
  const units = useQuery(unitsQuery);
  const salesTaxes = useQuery({ ...taxCodesQuery('sales'), enabled: canReadTaxes });
  const purchaseTaxes = useQuery({ ...taxCodesQuery('purchases'), enabled: canReadTaxes });
  const accounts = useQuery({ ...wholeChartQuery('exclude'), enabled: canReadLedger });
  const labels = useProductLabels();

  const mutation = useMutation({
    mutationFn: (value: ProductDraft) =>
      editing ? updateProduct(editing.id, productPatchBody(editing, value)) : createProduct(newProductBody(value)),
    onSuccess: async (product) => {
      notifySuccess(t(editing ? 'products.savedNotice' : 'products.createdNotice', { name: productName(product, language) }));
      queryClient.setQueryData(['products', 'product', product.id], product);
      await queryClient.invalidateQueries({ queryKey: ['products'] });
      onSaved(product);
    },
  });

  const set = <K extends keyof ProductDraft>(field: K, value: ProductDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const text = (field: 'sku' | 'name' | 'nameEs' | 'barcode' | 'salesPrice' | 'purchasePrice') =>
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
    const missing = missingFields(draft);
    if (Object.keys(missing).length > 0) {
      setLocalErrors(Object.fromEntries(Object.entries(missing).map(([field, key]) => [field, t(key)])));
      mutation.reset();
      return;
    }
    setLocalErrors({});
    mutation.mutate(draft);
  };

  const serverErrors = fieldErrors(mutation.error);
  const errors: Record<string, string | undefined> = { ...serverErrors, ...localErrors };
  // Errors on a list's items ("salesTaxCodeIds.0") show on the list's picker, not in the general alert.
  const shownFields = [
    ...FIELDS,
    ...Object.keys(serverErrors).filter((key) => (FIELDS as readonly string[]).includes(key.split('.')[0] ?? '')),
  ];

  const accountOption = (a: LedgerAccount) => ({ value: a.id, label: `${a.code} — ${accountName(a, language)}` });
  const ofType = (type: LedgerAccount['type']) => (accounts.data ?? []).filter((a) => a.type === type).map(accountOption);
  const incomeOptions = ofType('income');
  // Purchases of stock go to an inventory (asset) account; anything else to an expense.
  const expenseOptions = [
    { group: t('products.form.expenseAccounts'), items: ofType('expense') },
    { group: t('products.form.assetAccounts'), items: ofType('asset') },
  ];
  const taxOptions = (side: TaxSide) =>
    ((side === 'sales' ? salesTaxes : purchaseTaxes).data?.items ?? []).map((code) => ({
      value: code.id,
      label: taxCodeLabel(code, language),
    }));
  const unitOptions = (units.data?.items ?? []).map((unit) => ({ value: unit.code, label: labels.unitLabel(unit.code) }));

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('products.form.editTitle', { name: productName(editing, language) }) : t('products.form.createTitle')}
      size="xl"
      closeOnClickOutside={false}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert
            error={mutation.error ?? units.error ?? salesTaxes.error ?? purchaseTaxes.error ?? accounts.error}
            fields={shownFields}
          />
          <Fieldset legend={t('products.form.identity')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('products.fields.sku')}
                description={t('products.form.skuHint')}
                required
                maxLength={40}
                autoComplete="off"
                {...text('sku')}
                error={errors.sku}
                data-autofocus
              />
              <Select
                label={t('products.fields.kind')}
                description={t(`products.kindHints.${draft.kind}`)}
                data={PRODUCT_KINDS.map((value) => ({ value, label: t(`products.kinds.${value}`) }))}
                value={draft.kind}
                onChange={(value) => set('kind', (value ?? draft.kind) as ProductKind)}
                error={errors.kind}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label={t('products.fields.name')}
                required
                maxLength={200}
                autoComplete="off"
                {...text('name')}
                error={errors.name}
              />
              <TextInput
                label={t('products.fields.nameEs')}
                lang="es"
                maxLength={200}
                autoComplete="off"
                {...text('nameEs')}
                error={errors.nameEs}
              />
              <Select
                label={t('products.fields.unit')}
                description={t('products.form.unitHint')}
                data={unitOptions}
                value={draft.unit}
                onChange={(value) => set('unit', value ?? draft.unit)}
                error={errors.unit}
                searchable
                allowDeselect={false}
                nothingFoundMessage={t('products.form.noMatch')}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label={t('products.fields.barcode')}
                description={t('products.form.barcodeHint')}
                inputMode="numeric"
                maxLength={20}
                autoComplete="off"
                {...text('barcode')}
                error={errors.barcode}
              />
            </SimpleGrid>
            <Textarea
              mt="sm"
              label={t('products.fields.description')}
              autosize
              minRows={2}
              maxRows={6}
              maxLength={2000}
              value={draft.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={errors.description}
            />
          </Fieldset>

          <Fieldset legend={t('products.form.pricing')}>
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('products.fields.salesPrice')}
                  description={t('products.form.priceHint')}
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={24}
                  {...text('salesPrice')}
                  error={errors.salesPrice}
                />
                <TextInput
                  label={t('products.fields.purchasePrice')}
                  description={t('products.form.priceHint')}
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={24}
                  {...text('purchasePrice')}
                  error={errors.purchasePrice}
                />
                <TextInput
                  label={t('products.fields.currency')}
                  description={t('products.form.currencyHint')}
                  required
                  maxLength={3}
                  autoComplete="off"
                  value={draft.currency}
                  onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
                  error={errors.currency}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {TAX_FIELDS.map(({ field, side }) => (
                  <MultiSelect
                    key={field}
                    label={t(`products.fields.${field}`)}
                    description={canReadTaxes ? t('products.form.taxesHint') : t('products.form.taxesUnavailable')}
                    placeholder={draft[field].length === 0 ? t('products.noTaxes') : undefined}
                    data={taxOptions(side)}
                    value={draft[field]}
                    onChange={(value) => set(field, value)}
                    error={errorOn(errors, field)}
                    disabled={!canReadTaxes}
                    maxValues={MAX_TAX_CODES}
                    searchable
                    hidePickedOptions
                    clearable
                    nothingFoundMessage={t('products.form.noMatch')}
                    comboboxProps={{ withinPortal: true }}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('products.form.accounting')}>
            <Text size="sm" c="dimmed" mb="sm">
              {canReadLedger ? t('products.form.accountingHint') : t('products.form.accountsUnavailable')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('products.fields.incomeAccountId')}
                placeholder={t('products.form.noAccount')}
                data={incomeOptions}
                value={draft.incomeAccountId}
                onChange={(value) => set('incomeAccountId', value)}
                error={errors.incomeAccountId}
                disabled={!canReadLedger}
                searchable
                clearable
                nothingFoundMessage={t('products.form.noMatch')}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('products.fields.expenseAccountId')}
                placeholder={t('products.form.noAccount')}
                data={expenseOptions}
                value={draft.expenseAccountId}
                onChange={(value) => set('expenseAccountId', value)}
                error={errors.expenseAccountId}
                disabled={!canReadLedger}
                searchable
                clearable
                nothingFoundMessage={t('products.form.noMatch')}
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
          </Fieldset>

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('products.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
