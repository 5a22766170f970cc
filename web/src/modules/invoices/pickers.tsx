import { type ComboboxItem, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../parties/parties-api.ts';
import { type Product, productName } from '../products/products-api.ts';
import { productOptionLabel } from './invoice-form.ts';
import { customerSearchQuery, productSearchQuery } from './invoices-api.ts';

/** The server has matched what was typed (names, tax ids, SKUs, barcodes): show its answers as they are. */
const serverFiltered = ({ options }: { options: ComboboxItem[] | unknown[] }) => options as ComboboxItem[];

/** How a customer is listed: the legal name invoices carry, then the trade name and the tax id. */
export function customerLabel(party: Pick<Party, 'legalName' | 'tradeName' | 'taxId'>): string {
  const extra = [party.tradeName, party.taxId].filter(Boolean).join(', ');
  return extra ? `${party.legalName} (${extra})` : party.legalName;
}

/** The options, with the chosen one kept even when the search no longer finds it. */
function withChosen(options: ComboboxItem[], value: string | null, label: string): ComboboxItem[] {
  return value && !options.some((o) => o.value === value) ? [{ value, label: label || value }, ...options] : options;
}

interface CustomerPickerProps {
  value: string | null;
  /** The chosen customer's name, while it is not among the search results. */
  chosenLabel: string;
  onChange: (party: Party | null) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/** A searchable picker of active customers (GET /parties?role=customer&q=…). */
export function CustomerPicker({ value, chosenLabel, onChange, error, disabled }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(chosenLabel);
  const [debounced] = useDebouncedValue(search, 250);
  // Showing the chosen customer's name is not a search: list customers from the start.
  const q = value && debounced === chosenLabel ? '' : debounced;
  const customers = useQuery({ ...customerSearchQuery(q), placeholderData: keepPreviousData });
  const found = customers.data?.items ?? [];
  const options = withChosen(
    found.map((party) => ({ value: party.id, label: customerLabel(party) })),
    value,
    chosenLabel,
  );
  return (
    <Select
      label={t('invoices.fields.partyId')}
      placeholder={t('invoices.form.customerPlaceholder')}
      required
      searchable
      clearable
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={serverFiltered}
      onChange={(id) => {
        if (!id) return onChange(null);
        const party = found.find((p) => p.id === id);
        if (party) onChange(party);
      }}
      nothingFoundMessage={customers.isFetching ? t('common.loading') : t('invoices.form.noMatch')}
      error={error}
      disabled={disabled}
      comboboxProps={{ withinPortal: true }}
      style={{ flex: 1 }}
      miw={280}
      data-autofocus
    />
  );
}

interface ProductPickerProps {
  label: string;
  value: string | null;
  chosenLabel: string;
  onChange: (product: Product | null, label: string) => void;
  error?: string | undefined;
}

/** A searchable picker of active products for one line (GET /products?q=…). */
export function ProductPicker({ label, value, chosenLabel, onChange, error }: ProductPickerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [search, setSearch] = useState(chosenLabel);
  const [debounced] = useDebouncedValue(search, 250);
  const q = value && debounced === chosenLabel ? '' : debounced;
  const products = useQuery({ ...productSearchQuery(q), placeholderData: keepPreviousData });
  const found = products.data?.items ?? [];
  const nameOf = (product: Product) => productName(product, language);
  const options = withChosen(
    found.map((product) => ({ value: product.id, label: productOptionLabel(product, nameOf(product)) })),
    value,
    chosenLabel,
  );
  return (
    <Select
      label={label}
      placeholder={t('invoices.form.productPlaceholder')}
      searchable
      clearable
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={serverFiltered}
      onChange={(id) => {
        if (!id) return onChange(null, '');
        const product = found.find((p) => p.id === id);
        if (product) onChange(product, nameOf(product));
      }}
      nothingFoundMessage={products.isFetching ? t('common.loading') : t('invoices.form.noMatch')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      w={240}
    />
  );
}
