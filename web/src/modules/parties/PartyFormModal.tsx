import { ActionIcon, Button, Checkbox, Fieldset, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { type AccountType, accountName, type LedgerAccount, wholeChartQuery } from '../finance/finance-api.ts';
import { countryOptions, isEuVatCountry } from './countries.ts';
import {
  ADDRESS_KINDS,
  type AddressKind,
  createParty,
  PARTY_LANGUAGES,
  type Party,
  type PartyLanguage,
  paymentTermsQuery,
  updateParty,
} from './parties-api.ts';
import {
  type AddressDraft,
  blankAddress,
  blankContact,
  type ContactDraft,
  draftOf,
  emptyDraft,
  missingFields,
  newPartyBody,
  type PartyDraft,
  partyPatchBody,
} from './party-form.ts';

type AccountField = 'receivableAccountId' | 'payableAccountId' | 'incomeAccountId' | 'expenseAccountId';

/** Each default account and the ledger type it must have. */
const ACCOUNT_FIELDS: { field: AccountField; type: AccountType }[] = [
  { field: 'receivableAccountId', type: 'asset' },
  { field: 'payableAccountId', type: 'liability' },
  { field: 'incomeAccountId', type: 'income' },
  { field: 'expenseAccountId', type: 'expense' },
];

const TOP_FIELDS = [
  'roles',
  'isCustomer',
  'isSupplier',
  'legalName',
  'tradeName',
  'taxCountry',
  'taxId',
  'email',
  'phone',
  'website',
  'language',
  'currency',
  'paymentTermsId',
  'receivableAccountId',
  'payableAccountId',
  'incomeAccountId',
  'expenseAccountId',
  'iban',
  'bic',
  'notes',
];
const ADDRESS_FIELDS = ['kind', 'line1', 'line2', 'city', 'postalCode', 'region', 'country'] as const;
const CONTACT_FIELDS = ['name', 'role', 'email', 'phone'] as const;

interface PartyFormModalProps {
  /** The party being edited, or null for a new one. */
  editing: Party | null;
  onClose: () => void;
  onSaved: (party: Party) => void;
}

/** Creates or edits a party. Only required fields are checked here; the API checks the rest (tax id, IBAN…). */
export function PartyFormModal({ editing, onClose, onSaved }: PartyFormModalProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PartyDraft>(() => (editing ? draftOf(editing) : emptyDraft(me.company.baseCurrency)));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const terms = useQuery(paymentTermsQuery);
  const accounts = useQuery(wholeChartQuery('exclude'));

  const countries = useMemo(() => countryOptions(language, t('parties.northernIreland'), false), [language, t]);
  const taxCountries = useMemo(() => countryOptions(language, t('parties.northernIreland'), true), [language, t]);

  const mutation = useMutation({
    mutationFn: (value: PartyDraft) =>
      editing ? updateParty(editing.id, partyPatchBody(editing, value)) : createParty(newPartyBody(value)),
    onSuccess: async (party) => {
      notifySuccess(t(editing ? 'parties.savedNotice' : 'parties.createdNotice', { name: party.legalName }));
      await queryClient.invalidateQueries({ queryKey: ['parties'] });
      onSaved(party);
    },
  });

  const set = <K extends keyof PartyDraft>(field: K, value: PartyDraft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const text = (field: 'legalName' | 'tradeName' | 'taxId' | 'email' | 'phone' | 'website' | 'iban' | 'bic' | 'currency') =>
    ({
      value: draft[field],
      onChange: (event: React.ChangeEvent<HTMLInputElement>) => set(field, event.currentTarget.value),
    }) as const;
  const updateAddress = (key: number, patch: Partial<AddressDraft>) =>
    setDraft((d) => ({ ...d, addresses: d.addresses.map((a) => (a.key === key ? { ...a, ...patch } : a)) }));
  const updateContact = (key: number, patch: Partial<ContactDraft>) =>
    setDraft((d) => ({ ...d, contacts: d.contacts.map((c) => (c.key === key ? { ...c, ...patch } : c)) }));

  // After a refused save, go to the first field in error (the form is long), else to the general alert.
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

  const errors: Record<string, string | undefined> = { ...fieldErrors(mutation.error), ...localErrors };
  const rowFields = [
    ...draft.addresses.flatMap((_, i) => ADDRESS_FIELDS.map((f) => `addresses.${i}.${f}`)),
    ...draft.contacts.flatMap((_, i) => CONTACT_FIELDS.map((f) => `contacts.${i}.${f}`)),
  ];
  const roles = [...(draft.isCustomer ? ['customer'] : []), ...(draft.isSupplier ? ['supplier'] : [])];

  const accountOptions = (type: AccountType) =>
    (accounts.data ?? [])
      .filter((a: LedgerAccount) => a.type === type)
      .map((a) => ({ value: a.id, label: `${a.code} — ${accountName(a, language)}` }));
  const termsOptions = (terms.data?.items ?? []).map((term) => ({ value: term.id, label: term.name }));
  const taxIdHint = !draft.taxCountry
    ? t('parties.form.taxIdHintNone')
    : draft.taxCountry === 'ES'
      ? t('parties.form.taxIdHintEs')
      : isEuVatCountry(draft.taxCountry)
        ? t('parties.form.taxIdHintEu')
        : t('parties.form.taxIdHintOther');

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('parties.form.editTitle', { name: editing.legalName }) : t('parties.form.createTitle')}
      size="xl"
      closeOnClickOutside={false}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error ?? terms.error ?? accounts.error} fields={[...TOP_FIELDS, ...rowFields]} />
          <Fieldset legend={t('parties.form.identity')}>
            <Stack>
              <Checkbox.Group
                label={t('parties.form.roles')}
                required
                value={roles}
                onChange={(value) =>
                  setDraft((d) => ({ ...d, isCustomer: value.includes('customer'), isSupplier: value.includes('supplier') }))
                }
                error={errors.roles ?? errors.isCustomer ?? errors.isSupplier}
              >
                <Group mt={4}>
                  <Checkbox value="customer" label={t('parties.roles.customer')} />
                  <Checkbox value="supplier" label={t('parties.roles.supplier')} />
                </Group>
              </Checkbox.Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('parties.fields.legalName')}
                  required
                  maxLength={200}
                  autoComplete="off"
                  {...text('legalName')}
                  error={errors.legalName}
                  data-autofocus
                />
                <TextInput
                  label={t('parties.fields.tradeName')}
                  maxLength={200}
                  autoComplete="off"
                  {...text('tradeName')}
                  error={errors.tradeName}
                />
                <Select
                  label={t('parties.fields.taxCountry')}
                  placeholder={t('parties.form.chooseCountry')}
                  data={taxCountries}
                  value={draft.taxCountry}
                  onChange={(value) => set('taxCountry', value)}
                  error={errors.taxCountry}
                  searchable
                  clearable
                  comboboxProps={{ withinPortal: true }}
                />
                <TextInput
                  label={t('parties.fields.taxId')}
                  description={taxIdHint}
                  maxLength={40}
                  autoComplete="off"
                  {...text('taxId')}
                  error={errors.taxId}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('parties.form.contactDetails')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('parties.fields.email')} type="email" autoComplete="off" {...text('email')} error={errors.email} />
              <TextInput label={t('parties.fields.phone')} type="tel" autoComplete="off" {...text('phone')} error={errors.phone} />
              <TextInput
                label={t('parties.fields.website')}
                type="url"
                placeholder="https://"
                autoComplete="off"
                {...text('website')}
                error={errors.website}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('parties.form.terms')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('parties.fields.language')}
                description={editing ? undefined : t('parties.form.languageHint')}
                placeholder={t('parties.form.languageDefault')}
                data={PARTY_LANGUAGES.map((value) => ({ value, label: t(`parties.languages.${value}`) }))}
                value={draft.language}
                onChange={(value) => set('language', value as PartyLanguage | null)}
                error={errors.language}
                clearable={!editing}
                allowDeselect={!editing}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label={t('parties.fields.currency')}
                description={t('parties.form.currencyHint')}
                maxLength={3}
                autoComplete="off"
                value={draft.currency}
                onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
                error={errors.currency}
              />
              <Select
                label={t('parties.fields.paymentTerms')}
                placeholder={t('parties.onReceipt')}
                data={termsOptions}
                value={draft.paymentTermsId}
                onChange={(value) => set('paymentTermsId', value)}
                error={errors.paymentTermsId}
                clearable
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('parties.form.accounting')}>
            <Text size="sm" c="dimmed" mb="sm">
              {t('parties.form.accountingHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {ACCOUNT_FIELDS.map(({ field, type }) => (
                <Select
                  key={field}
                  label={t(`parties.fields.${field}`)}
                  placeholder={t('parties.form.noAccount')}
                  data={accountOptions(type)}
                  value={draft[field]}
                  onChange={(value) => set(field, value)}
                  error={errors[field]}
                  searchable
                  clearable
                  nothingFoundMessage={t('parties.form.noMatch')}
                  comboboxProps={{ withinPortal: true }}
                />
              ))}
              <TextInput label={t('parties.fields.iban')} autoComplete="off" maxLength={50} {...text('iban')} error={errors.iban} />
              <TextInput label={t('parties.fields.bic')} autoComplete="off" maxLength={11} {...text('bic')} error={errors.bic} />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('parties.fields.addresses')}>
            <Stack>
              {draft.addresses.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('parties.form.noAddresses')}
                </Text>
              )}
              {draft.addresses.map((address, i) => {
                const n = i + 1;
                const err = (f: string) => errors[`addresses.${i}.${f}`];
                return (
                  <Fieldset key={address.key} legend={t('parties.form.addressN', { n })} variant="filled">
                    <SimpleGrid cols={{ base: 1, sm: 3 }}>
                      <Select
                        label={t('parties.address.kind')}
                        data={ADDRESS_KINDS.map((value) => ({ value, label: t(`parties.addressKinds.${value}`) }))}
                        value={address.kind}
                        onChange={(value) => updateAddress(address.key, { kind: (value ?? 'billing') as AddressKind })}
                        error={err('kind')}
                        allowDeselect={false}
                        comboboxProps={{ withinPortal: true }}
                      />
                      <TextInput
                        label={t('parties.address.line1')}
                        required
                        value={address.line1}
                        onChange={(e) => updateAddress(address.key, { line1: e.currentTarget.value })}
                        error={err('line1')}
                      />
                      <TextInput
                        label={t('parties.address.line2')}
                        value={address.line2}
                        onChange={(e) => updateAddress(address.key, { line2: e.currentTarget.value })}
                        error={err('line2')}
                      />
                      <TextInput
                        label={t('parties.address.city')}
                        required
                        value={address.city}
                        onChange={(e) => updateAddress(address.key, { city: e.currentTarget.value })}
                        error={err('city')}
                      />
                      <TextInput
                        label={t('parties.address.postalCode')}
                        value={address.postalCode}
                        onChange={(e) => updateAddress(address.key, { postalCode: e.currentTarget.value })}
                        error={err('postalCode')}
                      />
                      <TextInput
                        label={t('parties.address.region')}
                        value={address.region}
                        onChange={(e) => updateAddress(address.key, { region: e.currentTarget.value })}
                        error={err('region')}
                      />
                      <Select
                        label={t('parties.address.country')}
                        required
                        placeholder={t('parties.form.chooseCountry')}
                        data={countries}
                        value={address.country}
                        onChange={(value) => updateAddress(address.key, { country: value })}
                        error={err('country')}
                        searchable
                        comboboxProps={{ withinPortal: true }}
                      />
                    </SimpleGrid>
                    <Group justify="flex-end" mt="sm">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        onClick={() => setDraft((d) => ({ ...d, addresses: d.addresses.filter((a) => a.key !== address.key) }))}
                        aria-label={t('parties.form.removeAddressN', { n })}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Fieldset>
                );
              })}
              <Group>
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() =>
                    setDraft((d) => ({
                      ...d,
                      addresses: [
                        ...d.addresses,
                        blankAddress(
                          d.addresses.length === 0 ? 'billing' : 'shipping',
                          d.taxCountry && d.taxCountry !== 'XI' ? d.taxCountry : me.company.country || null,
                        ),
                      ],
                    }))
                  }
                  disabled={draft.addresses.length >= 20}
                >
                  {t('parties.form.addAddress')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('parties.fields.contacts')}>
            <Stack>
              {draft.contacts.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('parties.form.noContacts')}
                </Text>
              )}
              {draft.contacts.map((contact, i) => {
                const n = i + 1;
                const err = (f: string) => errors[`contacts.${i}.${f}`];
                return (
                  <Fieldset key={contact.key} legend={t('parties.form.contactN', { n })} variant="filled">
                    <SimpleGrid cols={{ base: 1, sm: 2 }}>
                      <TextInput
                        label={t('parties.contact.name')}
                        required
                        value={contact.name}
                        onChange={(e) => updateContact(contact.key, { name: e.currentTarget.value })}
                        error={err('name')}
                      />
                      <TextInput
                        label={t('parties.contact.role')}
                        value={contact.role}
                        onChange={(e) => updateContact(contact.key, { role: e.currentTarget.value })}
                        error={err('role')}
                      />
                      <TextInput
                        label={t('parties.contact.email')}
                        type="email"
                        value={contact.email}
                        onChange={(e) => updateContact(contact.key, { email: e.currentTarget.value })}
                        error={err('email')}
                      />
                      <TextInput
                        label={t('parties.contact.phone')}
                        type="tel"
                        value={contact.phone}
                        onChange={(e) => updateContact(contact.key, { phone: e.currentTarget.value })}
                        error={err('phone')}
                      />
                    </SimpleGrid>
                    <Group justify="flex-end" mt="sm">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        onClick={() => setDraft((d) => ({ ...d, contacts: d.contacts.filter((c) => c.key !== contact.key) }))}
                        aria-label={t('parties.form.removeContactN', { n })}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Fieldset>
                );
              })}
              <Group>
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  onClick={() => setDraft((d) => ({ ...d, contacts: [...d.contacts, blankContact()] }))}
                  disabled={draft.contacts.length >= 50}
                >
                  {t('parties.form.addContact')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>

          <Textarea
            label={t('parties.fields.notes')}
            autosize
            minRows={2}
            maxRows={8}
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
              {t('parties.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
