import { ActionIcon, Button, Fieldset, Group, Modal, MultiSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { today } from '../finance/day.ts';
import { formatDecimal } from '../finance/decimal.ts';
import { taxCodeLabel, taxCodesQuery } from '../products/products-api.ts';
import { computeQuery } from '../taxes/taxes-api.ts';
import { InvoiceTotals } from './InvoiceTotals.tsx';
import {
  blankLine,
  computeInput,
  draftOf,
  emptyDraft,
  errorOn,
  type InvoiceDraft,
  invoicePatchBody,
  isShownField,
  type LineDraft,
  lineWithoutProduct,
  lineWithProduct,
  MAX_LINES,
  MAX_TAX_CODES,
  missingFields,
  newInvoiceBody,
} from './invoice-form.ts';
import { createInvoice, type Invoice, invoiceQuery, updateInvoice } from './invoices-api.ts';
import { CustomerPicker, ProductPicker } from './pickers.tsx';

interface InvoiceFormModalProps {
  /** The draft being edited, or null for a new one. */
  editing: Invoice | null;
  onClose: () => void;
  onSaved: (invoice: Invoice) => void;
}

/** Creates or edits a draft invoice, with its totals computed by the server as the lines are typed. */
export function InvoiceFormModal({ editing, onClose, onSaved }: InvoiceFormModalProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<InvoiceDraft>(() => (editing ? draftOf(editing) : emptyDraft(today(), me.company.baseCurrency)));
  const [partyLabel, setPartyLabel] = useState(editing?.partyName ?? '');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const canReadTaxes = me.permissions.includes('taxes:read');
  const taxCodes = useQuery({ ...taxCodesQuery('sales'), enabled: canReadTaxes });

  // The live totals: the same computation the invoice will have, a moment after typing stops.
  const input = useMemo(() => computeInput(draft), [draft]);
  const [debounced] = useDebouncedValue(input, 350);
  const computed = useQuery({ ...computeQuery(debounced), placeholderData: keepPreviousData });
  const result = computed.data && input !== null && !computed.isError ? computed.data : null;
  const current = result !== null && !computed.isPlaceholderData && JSON.stringify(debounced) === JSON.stringify(input);

  const mutation = useMutation({
    mutationFn: (value: InvoiceDraft) =>
      editing ? updateInvoice(editing.id, invoicePatchBody(editing, value)) : createInvoice(newInvoiceBody(value)),
    onSuccess: async (invoice) => {
      notifySuccess(t(editing ? 'invoices.savedNotice' : 'invoices.createdNotice', { name: invoice.partyName }));
      queryClient.setQueryData(invoiceQuery(invoice.id).queryKey, invoice);
      await queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] });
      onSaved(invoice);
    },
  });

  const set = <K extends keyof InvoiceDraft>(field: K, value: InvoiceDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const setLine = (key: number, change: (line: LineDraft) => LineDraft) =>
    setDraft((d) => ({ ...d, lines: d.lines.map((l) => (l.key === key ? change(l) : l)) }));
  const updateLine = (key: number, patch: Partial<LineDraft>) => setLine(key, (l) => ({ ...l, ...patch }));

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

  // The server's errors: those of the save first, then those of the live computation (same field names).
  const computeErrors = fieldErrors(computed.error);
  const errors: Record<string, string | undefined> = { ...computeErrors, ...fieldErrors(mutation.error), ...localErrors };
  const lineCount = draft.lines.length;
  const shownFields = Object.keys(errors).filter((name) => isShownField(name, lineCount));
  // A computation refused only on fields shown on the lines needs no alert of its own.
  const computeAlert =
    computed.error && (Object.keys(computeErrors).length === 0 || Object.keys(computeErrors).some((n) => !isShownField(n, lineCount)))
      ? computed.error
      : null;

  const taxOptions = (taxCodes.data?.items ?? []).map((code) => ({ value: code.id, label: taxCodeLabel(code, language) }));
  const money = (value: string) => formatDecimal(value, language);

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('invoices.form.editTitle', { name: editing.partyName }) : t('invoices.form.createTitle')}
      size="90%"
      closeOnClickOutside={false}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error ?? taxCodes.error} fields={shownFields} />
          <Group align="flex-start" wrap="wrap">
            <CustomerPicker
              value={draft.partyId}
              chosenLabel={partyLabel}
              onChange={(party) => {
                setPartyLabel(party ? party.legalName : '');
                setDraft((d) => ({ ...d, partyId: party?.id ?? null, currency: party?.currency ?? d.currency }));
              }}
              error={errors.partyId}
            />
            <TextInput
              label={t('invoices.fields.series')}
              description={t('invoices.form.seriesHint')}
              maxLength={10}
              autoComplete="off"
              value={draft.series}
              onChange={(e) => set('series', e.currentTarget.value.toUpperCase())}
              error={errors.series}
              w={140}
            />
            <TextInput
              label={t('invoices.fields.issueDate')}
              type="date"
              required
              value={draft.issueDate}
              onChange={(e) => set('issueDate', e.currentTarget.value)}
              error={errors.issueDate}
              w={170}
            />
            <TextInput
              label={t('invoices.fields.currency')}
              description={t('invoices.form.currencyHint')}
              maxLength={3}
              autoComplete="off"
              value={draft.currency}
              onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
              error={errors.currency}
              w={140}
            />
          </Group>

          <Stack gap="xs">
            {draft.lines.map((line, i) => {
              const n = i + 1;
              const err = (field: string) => errorOn(errors, `lines.${i}.${field}`);
              const net = current ? result?.lines[i]?.net : undefined;
              return (
                <Fieldset key={line.key} legend={t('invoices.form.lineN', { n })} variant="filled">
                  <Group align="flex-start" wrap="wrap">
                    <ProductPicker
                      label={t('invoices.fields.product')}
                      value={line.productId}
                      chosenLabel={line.productLabel}
                      onChange={(product, name) =>
                        setLine(line.key, (l) => (product ? lineWithProduct(l, product, name) : lineWithoutProduct(l)))
                      }
                      error={err('productId') ?? err('incomeAccountId')}
                    />
                    <TextInput
                      label={t('invoices.fields.description')}
                      required
                      maxLength={1000}
                      autoComplete="off"
                      value={line.description}
                      onChange={(e) => updateLine(line.key, { description: e.currentTarget.value })}
                      error={err('description')}
                      miw={200}
                      style={{ flex: 1 }}
                    />
                    <TextInput
                      label={t('invoices.fields.quantity')}
                      required
                      inputMode="decimal"
                      autoComplete="off"
                      value={line.quantity}
                      onChange={(e) => updateLine(line.key, { quantity: e.currentTarget.value })}
                      error={err('quantity')}
                      w={110}
                    />
                    <TextInput
                      label={t('invoices.fields.unitPrice')}
                      required
                      inputMode="decimal"
                      autoComplete="off"
                      value={line.unitPrice}
                      onChange={(e) => updateLine(line.key, { unitPrice: e.currentTarget.value })}
                      error={err('unitPrice')}
                      w={130}
                    />
                    <TextInput
                      label={t('invoices.fields.discountPercent')}
                      inputMode="decimal"
                      autoComplete="off"
                      rightSection="%"
                      value={line.discountPercent}
                      onChange={(e) => updateLine(line.key, { discountPercent: e.currentTarget.value })}
                      error={err('discountPercent')}
                      w={110}
                    />
                    <MultiSelect
                      label={t('invoices.fields.taxCodeIds')}
                      placeholder={line.taxCodeIds.length === 0 ? t('invoices.noTaxes') : undefined}
                      data={taxOptions}
                      value={line.taxCodeIds}
                      onChange={(value) => updateLine(line.key, { taxCodeIds: value })}
                      error={err('taxCodeIds')}
                      disabled={!canReadTaxes}
                      maxValues={MAX_TAX_CODES}
                      searchable
                      hidePickedOptions
                      nothingFoundMessage={t('invoices.form.noMatch')}
                      miw={220}
                      style={{ flex: 1 }}
                      comboboxProps={{ withinPortal: true }}
                    />
                    <TextInput
                      label={t('invoices.fields.lineNet')}
                      readOnly
                      variant="filled"
                      value={net !== undefined ? money(net) : '—'}
                      styles={{ input: { textAlign: 'right', fontFamily: 'var(--mantine-font-family-monospace)' } }}
                      w={130}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      mt={28}
                      disabled={lineCount <= 1}
                      onClick={() => setDraft((d) => ({ ...d, lines: d.lines.filter((l) => l.key !== line.key) }))}
                      aria-label={t('invoices.form.removeLineN', { n })}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Fieldset>
              );
            })}
            {errors.lines && (
              <Text c="red" size="sm">
                {errors.lines}
              </Text>
            )}
            <Group>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setDraft((d) => ({ ...d, lines: [...d.lines, blankLine()] }))}
                disabled={lineCount >= MAX_LINES}
              >
                {t('invoices.form.addLine')}
              </Button>
              <Text size="sm" c="dimmed" aria-live="polite">
                {input === null ? t('invoices.form.incomplete') : computed.isFetching || !current ? t('invoices.form.computing') : ''}
              </Text>
            </Group>
          </Stack>

          <ErrorAlert error={computeAlert} />
          {result && (
            // While a new computation runs the last totals stay, marked busy (dimming them would fail contrast).
            <div aria-busy={!current}>
              <InvoiceTotals document={result} />
            </div>
          )}

          <Textarea
            label={t('invoices.fields.notes')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={draft.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
          />

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('invoices.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
