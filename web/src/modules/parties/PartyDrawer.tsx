import { Alert, Badge, Button, Divider, Drawer, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArchive, IconCopy, IconInfoCircle, IconPencil, IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { formatDateTime } from '../../app/ui/format.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { accountName, wholeChartQuery } from '../finance/finance-api.ts';
import { countryName } from './countries.ts';
import {
  archiveParty,
  duplicatesQuery,
  mergeParties,
  type Party,
  type PartyAddress,
  partyQuery,
  partyTaxLabel,
  paymentTermsQuery,
  restoreParty,
} from './parties-api.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </Stack>
  );
}

/** Stable keys for a read-only list: its content, numbered when the same item appears twice. */
function keyed<T>(items: T[]): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = JSON.stringify(item);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: `${base}#${n}`, item };
  });
}

export function PartyRoles({ party }: { party: Pick<Party, 'isCustomer' | 'isSupplier'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {party.isCustomer && (
        <Badge color="blue" variant="light" style={{ flexShrink: 0 }}>
          {t('parties.roles.customer')}
        </Badge>
      )}
      {party.isSupplier && (
        <Badge color="grape" variant="light" style={{ flexShrink: 0 }}>
          {t('parties.roles.supplier')}
        </Badge>
      )}
    </Group>
  );
}

interface PartyDrawerProps {
  partyId: string;
  canWrite: boolean;
  onClose: () => void;
  onEdit: (party: Party) => void;
  onOpen: (id: string) => void;
}

/** One party with everything it holds; edit, archive or restore it, and find and merge its duplicates. */
export function PartyDrawer({ partyId, canWrite, onClose, onEdit, onOpen }: PartyDrawerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const query = useQuery(partyQuery(partyId));
  const terms = useQuery(paymentTermsQuery);
  const chart = useQuery(wholeChartQuery('include'));
  const [showDuplicates, setShowDuplicates] = useState(false);
  const duplicates = useQuery({ ...duplicatesQuery(partyId), enabled: showDuplicates });
  const party = query.data;

  const afterChange = async (updated: Party, message: string) => {
    notifySuccess(message);
    queryClient.setQueryData(partyQuery(updated.id).queryKey, updated);
    await queryClient.invalidateQueries({ queryKey: ['parties'] });
  };

  const archive = useMutation({
    mutationFn: archiveParty,
    onSuccess: (updated) => afterChange(updated, t('parties.archivedNotice', { name: updated.legalName })),
  });
  const restore = useMutation({
    mutationFn: restoreParty,
    onSuccess: (updated) => afterChange(updated, t('parties.restoredNotice', { name: updated.legalName })),
  });
  const merge = useMutation({
    mutationFn: ({ into, duplicate }: { into: Party; duplicate: Party }) => mergeParties(into, duplicate.id),
    onSuccess: (updated, { duplicate }) =>
      afterChange(updated, t('parties.duplicates.mergedNotice', { duplicate: duplicate.legalName, name: updated.legalName })),
  });

  const northernIreland = t('parties.northernIreland');
  const country = (code: string | null) => (code ? countryName(code, language, northernIreland) : '');
  const account = (id: string | null) => {
    if (!id) return '';
    const found = chart.data?.find((a) => a.id === id);
    return found ? `${found.code} — ${accountName(found, language)}` : id;
  };
  const termsName = (id: string | null) => (id ? (terms.data?.items.find((term) => term.id === id)?.name ?? id) : t('parties.onReceipt'));
  const addressLines = (a: PartyAddress) =>
    [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, country(a.country)].filter(Boolean);

  const busy = archive.isPending || restore.isPending || merge.isPending;
  const others = (duplicates.data?.items ?? []).filter((d) => d.id !== partyId);

  return (
    <Drawer opened onClose={onClose} title={party ? party.legalName : t('common.loading')} position="right" size="xl">
      <Stack>
        <ErrorAlert error={query.error ?? archive.error ?? restore.error ?? merge.error} />
        {party && (
          <>
            <Group justify="space-between" align="flex-start">
              <Group gap="xs">
                <PartyRoles party={party} />
                {party.archivedAt && (
                  <Badge color="gray" variant="light">
                    {t('parties.archived')}
                  </Badge>
                )}
              </Group>
              {canWrite && (
                <Group gap="xs">
                  {!party.archivedAt && (
                    <Button variant="default" size="xs" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => onEdit(party)}>
                      {t('parties.edit')}
                    </Button>
                  )}
                  {party.archivedAt ? (
                    !party.mergedIntoId && (
                      <Button
                        variant="default"
                        size="xs"
                        leftSection={<IconRestore size={14} aria-hidden />}
                        loading={restore.isPending}
                        disabled={busy}
                        onClick={() => restore.mutate(party)}
                      >
                        {t('parties.restore')}
                      </Button>
                    )
                  ) : (
                    <ConfirmButton
                      variant="default"
                      color="red"
                      size="xs"
                      leftSection={<IconArchive size={14} aria-hidden />}
                      loading={archive.isPending}
                      disabled={busy}
                      title={t('parties.archiveTitle', { name: party.legalName })}
                      message={t('parties.archiveMessage')}
                      confirmLabel={t('parties.archive')}
                      onConfirm={() => archive.mutate(party)}
                    >
                      {t('parties.archive')}
                    </ConfirmButton>
                  )}
                </Group>
              )}
            </Group>
            {party.mergedIntoId && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
                <Group justify="space-between">
                  <Text size="sm">{t('parties.mergedInto')}</Text>
                  <Button size="xs" variant="subtle" onClick={() => onOpen(party.mergedIntoId as string)}>
                    {t('parties.openMergedInto')}
                  </Button>
                </Group>
              </Alert>
            )}

            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field label={t('parties.fields.legalName')}>{party.legalName}</Field>
              <Field label={t('parties.fields.tradeName')}>{party.tradeName}</Field>
              <Field label={t('parties.fields.taxCountry')}>
                {party.taxCountry ? `${country(party.taxCountry)} (${party.taxCountry})` : ''}
              </Field>
              <Field label={t('parties.fields.taxId')}>{party.taxId}</Field>
              <Field label={t('parties.fields.vatNumber')}>{party.vatNumber}</Field>
              <Field label={t('parties.fields.email')}>{party.email}</Field>
              <Field label={t('parties.fields.phone')}>{party.phone}</Field>
              <Field label={t('parties.fields.website')}>{party.website}</Field>
              <Field label={t('parties.fields.language')}>
                {t(`parties.languages.${party.language}`, { defaultValue: party.language })}
              </Field>
              <Field label={t('parties.fields.currency')}>{party.currency}</Field>
              <Field label={t('parties.fields.paymentTerms')}>{termsName(party.paymentTermsId)}</Field>
              <Field label={t('parties.fields.receivableAccountId')}>{account(party.receivableAccountId)}</Field>
              <Field label={t('parties.fields.payableAccountId')}>{account(party.payableAccountId)}</Field>
              <Field label={t('parties.fields.incomeAccountId')}>{account(party.incomeAccountId)}</Field>
              <Field label={t('parties.fields.expenseAccountId')}>{account(party.expenseAccountId)}</Field>
              <Field label={t('parties.fields.iban')}>{party.iban}</Field>
              <Field label={t('parties.fields.bic')}>{party.bic}</Field>
              <Field label={t('parties.fields.updatedAt')}>{formatDateTime(party.updatedAt)}</Field>
            </SimpleGrid>
            {party.notes && (
              <Field label={t('parties.fields.notes')}>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{party.notes}</Text>
              </Field>
            )}

            <Divider />
            <Title order={3} size="h4">
              {t('parties.fields.addresses')}
            </Title>
            {party.addresses.length === 0 ? (
              <Text c="dimmed">{t('parties.noAddresses')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {keyed(party.addresses).map(({ key, item: address }) => (
                  <Stack gap={0} key={key}>
                    <Text size="sm" fw={600}>
                      {t(`parties.addressKinds.${address.kind}`, { defaultValue: address.kind })}
                    </Text>
                    {addressLines(address).map((line) => (
                      <Text key={line} size="sm">
                        {line}
                      </Text>
                    ))}
                  </Stack>
                ))}
              </SimpleGrid>
            )}

            <Title order={3} size="h4">
              {t('parties.fields.contacts')}
            </Title>
            {party.contacts.length === 0 ? (
              <Text c="dimmed">{t('parties.noContacts')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table striped>
                  <Table.Caption>{t('parties.contactsCaption', { name: party.legalName })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('parties.contact.name')}</Table.Th>
                      <Table.Th scope="col">{t('parties.contact.role')}</Table.Th>
                      <Table.Th scope="col">{t('parties.contact.email')}</Table.Th>
                      <Table.Th scope="col">{t('parties.contact.phone')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {keyed(party.contacts).map(({ key, item: contact }) => (
                      <Table.Tr key={key}>
                        <Table.Td>{contact.name}</Table.Td>
                        <Table.Td>{contact.role ?? ''}</Table.Td>
                        <Table.Td>{contact.email ?? ''}</Table.Td>
                        <Table.Td>{contact.phone ?? ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}

            {!party.archivedAt && (
              <>
                <Divider />
                <Group justify="space-between">
                  <Title order={3} size="h4">
                    {t('parties.duplicates.title')}
                  </Title>
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconCopy size={14} aria-hidden />}
                    loading={duplicates.isFetching}
                    onClick={() => (showDuplicates ? void duplicates.refetch() : setShowDuplicates(true))}
                  >
                    {t('parties.duplicates.find')}
                  </Button>
                </Group>
                <ErrorAlert error={duplicates.error} />
                {showDuplicates && duplicates.isSuccess && (
                  <div role="status" aria-live="polite">
                    {others.length === 0 ? (
                      <Text>{t('parties.duplicates.none')}</Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('parties.duplicates.found', { count: others.length })}
                      </Text>
                    )}
                  </div>
                )}
                {showDuplicates && others.length > 0 && (
                  <Table.ScrollContainer minWidth={560}>
                    <Table striped>
                      <Table.Caption>{t('parties.duplicates.caption', { name: party.legalName })}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('parties.fields.legalName')}</Table.Th>
                          <Table.Th scope="col">{t('parties.fields.taxId')}</Table.Th>
                          <Table.Th scope="col">{t('parties.fields.email')}</Table.Th>
                          {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {others.map((duplicate) => (
                          <Table.Tr key={duplicate.id}>
                            <Table.Td>
                              <Stack gap={2}>
                                <Text size="sm">{duplicate.legalName}</Text>
                                <PartyRoles party={duplicate} />
                              </Stack>
                            </Table.Td>
                            <Table.Td>{partyTaxLabel(duplicate) ?? ''}</Table.Td>
                            <Table.Td>{duplicate.email ?? ''}</Table.Td>
                            {canWrite && (
                              <Table.Td>
                                <ConfirmButton
                                  size="xs"
                                  variant="light"
                                  disabled={busy}
                                  aria-label={t('parties.duplicates.mergeLabel', { duplicate: duplicate.legalName, name: party.legalName })}
                                  title={t('parties.duplicates.mergeTitle', { duplicate: duplicate.legalName })}
                                  message={t('parties.duplicates.mergeMessage', { duplicate: duplicate.legalName, name: party.legalName })}
                                  confirmLabel={t('parties.duplicates.merge')}
                                  onConfirm={() => merge.mutate({ into: party, duplicate })}
                                >
                                  {t('parties.duplicates.merge')}
                                </ConfirmButton>
                              </Table.Td>
                            )}
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </Drawer>
  );
}
