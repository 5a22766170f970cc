import { Anchor, Badge, Button, Group, Select, Stack, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarDollar, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { PagedListFooter } from '../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { SearchInput } from '../../app/ui/SearchInput.tsx';
import { PartyDrawer, PartyRoles } from './PartyDrawer.tsx';
import { PartyFormModal } from './PartyFormModal.tsx';
import { PaymentTermsModal } from './PaymentTermsModal.tsx';
import { type ArchivedFilter, type Party, type PartyRole, partiesQuery, partyTaxLabel } from './parties-api.ts';

type Dialog = { kind: 'form'; editing: Party | null } | { kind: 'terms' } | null;

export interface PartiesSearch {
  /** The party open in the drawer, so it can be linked to. */
  party?: string;
}

export function validatePartiesSearch(search: Record<string, unknown>): PartiesSearch {
  return typeof search.party === 'string' && /^[0-9a-f-]{36}$/i.test(search.party) ? { party: search.party } : {};
}

type RoleFilter = 'all' | PartyRole;

const ROLE_FILTERS: RoleFilter[] = ['all', 'customer', 'supplier'];
const ARCHIVED_FILTERS: ArchivedFilter[] = ['exclude', 'only', 'include'];

/** Customers and suppliers: search and filter the parties, open one, create and edit them. */
export function PartiesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canWrite = me.permissions.includes('parties:write');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<RoleFilter>('all');
  const [archived, setArchived] = useState<ArchivedFilter>('exclude');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [dialog, setDialog] = useState<Dialog>(null);
  const openId = useSearch({ from: '/app/parties' }).party ?? null;
  const navigate = useNavigate({ from: '/parties' });
  const open = (id: string | null) => void navigate({ search: id ? { party: id } : {} });
  const parties = useInfiniteQuery(partiesQuery({ q: debouncedQ, role: role === 'all' ? null : role, archived }));
  const rows = parties.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = debouncedQ.trim() !== '' || role !== 'all' || archived !== 'exclude';

  return (
    <>
      <PageHeader
        title={t('parties.title')}
        description={t('parties.description')}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconCalendarDollar size={16} aria-hidden />}
              onClick={() => setDialog({ kind: 'terms' })}
            >
              {t('parties.terms.open')}
            </Button>
            {canWrite && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'form', editing: null })}>
                {t('parties.create')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack>
        <Group align="flex-end">
          <SearchInput label={t('parties.search')} placeholder={t('parties.searchPlaceholder')} value={q} onChange={setQ} maxLength={200} />
          <Select
            label={t('parties.roleFilter')}
            data={ROLE_FILTERS.map((value) => ({ value, label: t(`parties.roleFilters.${value}`) }))}
            value={role}
            onChange={(value) => setRole((value ?? 'all') as RoleFilter)}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('parties.archivedFilter')}
            data={ARCHIVED_FILTERS.map((value) => ({ value, label: t(`parties.archivedFilters.${value}`) }))}
            value={archived}
            onChange={(value) => setArchived((value ?? 'exclude') as ArchivedFilter)}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <ErrorAlert error={parties.error} />
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('parties.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('parties.fields.legalName')}</Table.Th>
                <Table.Th scope="col">{t('parties.fields.tradeName')}</Table.Th>
                <Table.Th scope="col" miw={230}>
                  {t('parties.fields.roles')}
                </Table.Th>
                <Table.Th scope="col">{t('parties.fields.taxId')}</Table.Th>
                <Table.Th scope="col">{t('parties.fields.email')}</Table.Th>
                <Table.Th scope="col">{t('parties.fields.currency')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((party) => (
                <Table.Tr key={party.id} onClick={() => open(party.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor
                        component="button"
                        type="button"
                        ta="left"
                        onClick={(event) => {
                          event.stopPropagation();
                          open(party.id);
                        }}
                      >
                        {party.legalName}
                      </Anchor>
                      {party.archivedAt && (
                        <Badge color="gray" variant="light">
                          {t('parties.archived')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{party.tradeName ?? ''}</Table.Td>
                  <Table.Td>
                    <PartyRoles party={party} />
                  </Table.Td>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {partyTaxLabel(party) ?? ''}
                  </Table.Td>
                  <Table.Td>{party.email ?? ''}</Table.Td>
                  <Table.Td>{party.currency}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={parties} count={rows.length} empty={filtered ? t('parties.noMatches') : t('parties.empty')} />
      </Stack>
      {openId && dialog?.kind !== 'form' && (
        <PartyDrawer
          key={openId}
          partyId={openId}
          canWrite={canWrite}
          onClose={() => open(null)}
          onEdit={(party) => setDialog({ kind: 'form', editing: party })}
          onOpen={open}
        />
      )}
      {dialog?.kind === 'form' && (
        <PartyFormModal editing={dialog.editing} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      )}
      {dialog?.kind === 'terms' && <PaymentTermsModal canWrite={canWrite} onClose={() => setDialog(null)} />}
    </>
  );
}
