import { Anchor, Button, Group, Select, Stack, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { PagedListFooter } from '../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { SearchInput } from '../../app/ui/SearchInput.tsx';
import { formatDay } from '../finance/day.ts';
import { formatDecimal, toUnits } from '../finance/decimal.ts';
import { CreditNoteBadge, CreditStatusBadge, InvoiceDrawer, InvoiceStatusBadge } from './InvoiceDrawer.tsx';
import { InvoiceFormModal } from './InvoiceFormModal.tsx';
import { type Invoice, type InvoiceKind, type InvoiceStatus, invoicesQuery } from './invoices-api.ts';

type Dialog = { kind: 'form'; editing: Invoice | null } | null;

export interface InvoicesSearch {
  /** The invoice open in the drawer, so it can be linked to. */
  invoice?: string;
}

export function validateInvoicesSearch(search: Record<string, unknown>): InvoicesSearch {
  return typeof search.invoice === 'string' && /^[0-9a-f-]{36}$/i.test(search.invoice) ? { invoice: search.invoice } : {};
}

type StatusFilter = 'all' | InvoiceStatus;
const STATUS_FILTERS: StatusFilter[] = ['all', 'draft', 'issued'];
type KindFilter = 'all' | InvoiceKind;
const KIND_FILTERS: KindFilter[] = ['all', 'invoice', 'credit_note'];

/** A document's total as the list shows it: a credit note's takes a minus sign ("−121.00 EUR"). */
function listedTotal(invoice: Pick<Invoice, 'kind' | 'total' | 'currency'>, language: string): string {
  const units = toUnits(invoice.total);
  if (invoice.kind !== 'credit_note' || units === null || units === 0n)
    return `${formatDecimal(invoice.total, language)} ${invoice.currency}`;
  const magnitude = invoice.total.trim().replace(/^-/, '');
  return `\u2212${formatDecimal(magnitude, language)} ${invoice.currency}`;
}

/** Sales invoices: drafts to edit and issue, and the issued ones, newest first. */
export function InvoicesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const canWrite = me.permissions.includes('sales:write');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [kind, setKind] = useState<KindFilter>('all');
  const [debouncedQ, , debounce] = useDebouncedValue(q, 300);
  const [dialog, setDialog] = useState<Dialog>(null);
  const openId = useSearch({ from: '/app/sales/invoices' }).invoice ?? null;
  const navigate = useNavigate({ from: '/sales/invoices' });
  const open = (id: string | null) => void navigate({ search: id ? { invoice: id } : {} });
  const invoices = useInfiniteQuery(
    invoicesQuery({ q: debouncedQ, status: status === 'all' ? null : status, partyId: null, kind: kind === 'all' ? null : kind }),
  );
  const rows = invoices.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = debouncedQ.trim() !== '' || status !== 'all' || kind !== 'all';

  return (
    <>
      <PageHeader
        title={t('invoices.title')}
        description={t('invoices.description')}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'form', editing: null })}>
              {t('invoices.create')}
            </Button>
          )
        }
      />
      <Stack>
        <Group align="flex-end">
          <SearchInput
            label={t('invoices.search')}
            placeholder={t('invoices.searchPlaceholder')}
            value={q}
            onChange={setQ}
            onEnter={() => debounce.flush()}
          />
          <Select
            label={t('invoices.statusFilter')}
            data={STATUS_FILTERS.map((value) => ({ value, label: t(`invoices.statusFilters.${value}`) }))}
            value={status}
            onChange={(value) => setStatus((value ?? 'all') as StatusFilter)}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('invoices.kindFilter')}
            data={KIND_FILTERS.map((value) => ({ value, label: t(`invoices.kindFilters.${value}`) }))}
            value={kind}
            onChange={(value) => setKind((value ?? 'all') as KindFilter)}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <ErrorAlert error={invoices.error} />
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('invoices.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('invoices.fields.number')}</Table.Th>
                <Table.Th scope="col">{t('invoices.fields.issueDate')}</Table.Th>
                <Table.Th scope="col">{t('invoices.fields.partyId')}</Table.Th>
                <Table.Th scope="col">{t('invoices.fields.dueDate')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('invoices.total')}
                </Table.Th>
                <Table.Th scope="col">{t('invoices.fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((invoice) => (
                <Table.Tr key={invoice.id} onClick={() => open(invoice.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor
                      component="button"
                      type="button"
                      ta="left"
                      ff={invoice.numberLabel ? 'monospace' : undefined}
                      aria-label={
                        invoice.numberLabel
                          ? t(invoice.kind === 'credit_note' ? 'invoices.openCreditNote' : 'invoices.openNumber', {
                              number: invoice.numberLabel,
                            })
                          : t('invoices.openDraft', { name: invoice.partyName })
                      }
                      onClick={(event) => {
                        event.stopPropagation();
                        open(invoice.id);
                      }}
                    >
                      {invoice.numberLabel ?? t('invoices.statuses.draft')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(invoice.issueDate)}</Table.Td>
                  <Table.Td>{invoice.partyName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(invoice.dueDate)}</Table.Td>
                  <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {listedTotal(invoice, language)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <InvoiceStatusBadge invoice={invoice} />
                      <CreditNoteBadge invoice={invoice} />
                      <CreditStatusBadge invoice={invoice} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={invoices} count={rows.length} empty={filtered ? t('invoices.noMatches') : t('invoices.empty')} />
      </Stack>
      {openId && dialog?.kind !== 'form' && (
        <InvoiceDrawer
          key={openId}
          invoiceId={openId}
          canWrite={canWrite}
          onClose={() => open(null)}
          onEdit={(invoice) => setDialog({ kind: 'form', editing: invoice })}
          onOpen={open}
        />
      )}
      {dialog?.kind === 'form' && (
        <InvoiceFormModal editing={dialog.editing} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      )}
    </>
  );
}
