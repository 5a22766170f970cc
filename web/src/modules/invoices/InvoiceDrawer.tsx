import { Alert, Anchor, Badge, Button, Drawer, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconReceiptRefund, IconSend, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ConfirmButton } from '../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { formatDateTime } from '../../app/ui/format.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { formatDay } from '../finance/day.ts';
import { formatDecimal } from '../finance/decimal.ts';
import { taxCodesQuery } from '../products/products-api.ts';
import { CreditInvoiceModal } from './CreditInvoiceModal.tsx';
import { InvoiceTotals } from './InvoiceTotals.tsx';
import { isZero } from './invoice-form.ts';
import { deleteInvoice, type Invoice, invoiceQuery, issueInvoice } from './invoices-api.ts';

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

export function InvoiceStatusBadge({ invoice }: { invoice: Pick<Invoice, 'status'> }) {
  const { t } = useTranslation();
  return (
    <Badge color={invoice.status === 'issued' ? 'green' : 'gray'} variant="light">
      {t(`invoices.statuses.${invoice.status}`, { defaultValue: invoice.status })}
    </Badge>
  );
}

/** "Credit note" on a credit note; nothing on an invoice. */
export function CreditNoteBadge({ invoice }: { invoice: Pick<Invoice, 'kind'> }) {
  const { t } = useTranslation();
  if (invoice.kind !== 'credit_note') return null;
  return (
    <Badge color="grape" variant="light">
      {t('invoices.kinds.credit_note')}
    </Badge>
  );
}

/** "Partly credited" or "Fully credited" on an invoice its credit notes have credited; nothing otherwise. */
export function CreditStatusBadge({ invoice }: { invoice: Pick<Invoice, 'kind' | 'creditStatus'> }) {
  const { t } = useTranslation();
  if (invoice.kind === 'credit_note' || !invoice.creditStatus || invoice.creditStatus === 'none') return null;
  return (
    <Badge color={invoice.creditStatus === 'full' ? 'red' : 'orange'} variant="light">
      {t(`invoices.creditStatuses.${invoice.creditStatus}`, { defaultValue: invoice.creditStatus })}
    </Badge>
  );
}

/** What an invoice is called: its number once issued, else "Draft invoice". */
export function useInvoiceTitle() {
  const { t } = useTranslation();
  return (invoice: Pick<Invoice, 'numberLabel'>) => invoice.numberLabel ?? t('invoices.draftTitle');
}

interface InvoiceDrawerProps {
  invoiceId: string;
  canWrite: boolean;
  onClose: () => void;
  onEdit: (invoice: Invoice) => void;
  /** Opens another invoice (a credit note's credited invoice, an invoice's new credit note). */
  onOpen: (id: string) => void;
}

/** A credit note's link to the invoice it credits, by that invoice's number once read. */
function CreditedInvoiceLink({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const credited = useQuery(invoiceQuery(id));
  const number = credited.data?.numberLabel;
  return (
    <Anchor component="button" type="button" ff={number ? 'monospace' : undefined} onClick={() => onOpen(id)}>
      {number ? t('invoices.openNumber', { number }) : t('invoices.openCredited')}
    </Anchor>
  );
}

/**
 * One invoice: its customer, lines, tax breakdown and totals; a draft can be edited, deleted or issued, and
 * an issued invoice not fully credited yet can be credited. A credit note shows its reason and the invoice
 * it credits.
 */
export function InvoiceDrawer({ invoiceId, canWrite, onClose, onEdit, onOpen }: InvoiceDrawerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const query = useQuery(invoiceQuery(invoiceId));
  const me = useSession();
  const codes = useQuery({ ...taxCodesQuery('sales', 'include'), enabled: me.permissions.includes('taxes:read') });
  const title = useInvoiceTitle();
  const invoice = query.data;
  const [crediting, setCrediting] = useState(false);
  const [lastCredit, setLastCredit] = useState<Invoice | null>(null);

  const remove = useMutation({
    mutationFn: deleteInvoice,
    onSuccess: async () => {
      notifySuccess(t('invoices.deletedNotice'));
      queryClient.removeQueries({ queryKey: invoiceQuery(invoiceId).queryKey });
      await queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] });
      onClose();
    },
  });
  const issue = useMutation({
    mutationFn: issueInvoice,
    onSuccess: async (issued) => {
      notifySuccess(t('invoices.issuedNotice', { number: issued.numberLabel ?? '' }));
      queryClient.setQueryData(invoiceQuery(issued.id).queryKey, issued);
      await queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] });
    },
  });

  const busy = remove.isPending || issue.isPending;
  const money = (value: string) => formatDecimal(value, language);
  const codeName = (id: string) => codes.data?.items.find((c) => c.id === id)?.code ?? id;
  const draft = invoice?.status === 'draft';
  const creditNote = invoice?.kind === 'credit_note';
  const canCredit = canWrite && invoice?.status === 'issued' && invoice.kind !== 'credit_note' && invoice.creditStatus !== 'full';

  return (
    <>
      <Drawer
        opened
        onClose={onClose}
        // Escape while crediting closes the credit dialog only (every open Mantine dialog hears it).
        closeOnEscape={!crediting}
        title={invoice ? title(invoice) : t('common.loading')}
        position="right"
        size="xl"
      >
        <Stack>
          <ErrorAlert error={query.error ?? remove.error ?? issue.error} />
          {invoice && (
            <>
              <Group justify="space-between" align="flex-start">
                <Group gap="xs">
                  <InvoiceStatusBadge invoice={invoice} />
                  <CreditNoteBadge invoice={invoice} />
                  <CreditStatusBadge invoice={invoice} />
                </Group>
                {canCredit && (
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconReceiptRefund size={14} aria-hidden />}
                    onClick={() => setCrediting(true)}
                  >
                    {t('invoices.credit.action')}
                  </Button>
                )}
                {canWrite && draft && (
                  <Group gap="xs">
                    <Button
                      variant="default"
                      size="xs"
                      leftSection={<IconPencil size={14} aria-hidden />}
                      disabled={busy}
                      onClick={() => onEdit(invoice)}
                    >
                      {t('invoices.edit')}
                    </Button>
                    <ConfirmButton
                      variant="default"
                      color="red"
                      size="xs"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      loading={remove.isPending}
                      disabled={busy}
                      title={t('invoices.deleteTitle')}
                      message={t('invoices.deleteMessage', { name: invoice.partyName })}
                      confirmLabel={t('invoices.delete')}
                      onConfirm={() => remove.mutate(invoice)}
                    >
                      {t('invoices.delete')}
                    </ConfirmButton>
                    <ConfirmButton
                      size="xs"
                      leftSection={<IconSend size={14} aria-hidden />}
                      loading={issue.isPending}
                      disabled={busy}
                      title={t('invoices.issueTitle')}
                      message={t('invoices.issueMessage', { series: invoice.series })}
                      confirmLabel={t('invoices.issue')}
                      onConfirm={() => issue.mutate(invoice)}
                    >
                      {t('invoices.issue')}
                    </ConfirmButton>
                  </Group>
                )}
              </Group>

              {lastCredit && (
                <Alert color="green" variant="light" title={t('invoices.credit.created', { number: lastCredit.numberLabel ?? '' })}>
                  <Button variant="default" size="xs" onClick={() => onOpen(lastCredit.id)}>
                    {t('invoices.openCreditNote', { number: lastCredit.numberLabel ?? '' })}
                  </Button>
                </Alert>
              )}

              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Field label={t('invoices.fields.number')}>{invoice.numberLabel ?? t('invoices.statuses.draft')}</Field>
                <Field label={t('invoices.fields.series')}>{invoice.series}</Field>
                <Field label={t('invoices.fields.partyId')}>{invoice.partyName}</Field>
                <Field label={t('invoices.fields.partyTaxId')}>{invoice.partyTaxId}</Field>
                <Field label={t('invoices.fields.issueDate')}>{formatDay(invoice.issueDate)}</Field>
                <Field label={t('invoices.fields.dueDate')}>{formatDay(invoice.dueDate)}</Field>
                <Field label={t('invoices.fields.currency')}>{invoice.currency}</Field>
                {invoice.rate && <Field label={t('invoices.fields.rate')}>{invoice.rate}</Field>}
                {creditNote && (
                  <>
                    <Field label={t('invoices.fields.kind')}>{t('invoices.kinds.credit_note')}</Field>
                    <Field label={t('invoices.fields.creditedInvoiceId')}>
                      {invoice.creditedInvoiceId && <CreditedInvoiceLink id={invoice.creditedInvoiceId} onOpen={onOpen} />}
                    </Field>
                    <Field label={t('invoices.fields.reason')}>
                      {invoice.reason && <Text style={{ whiteSpace: 'pre-wrap' }}>{invoice.reason}</Text>}
                    </Field>
                  </>
                )}
                {!creditNote && invoice.status === 'issued' && (
                  <Field label={t('invoices.fields.creditedTotal')}>
                    <Text span ff="monospace">{`${money(invoice.creditedTotal ?? '0')} ${invoice.currency}`}</Text>
                  </Field>
                )}
                {invoice.status === 'issued' && (
                  <>
                    <Field label={t('invoices.fields.issuedAt')}>{formatDateTime(invoice.issuedAt)}</Field>
                    <Field label={t('invoices.fields.entryId')}>
                      <Text span ff="monospace">
                        {invoice.entryId}
                      </Text>
                    </Field>
                  </>
                )}
              </SimpleGrid>
              {invoice.status === 'issued' && !creditNote && (
                <Text size="sm" c="dimmed">
                  {t('invoices.readOnly')}
                </Text>
              )}

              <Table.ScrollContainer minWidth={640}>
                <Table striped>
                  <Table.Caption>{t('invoices.linesCaption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('invoices.fields.description')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('invoices.fields.quantity')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('invoices.fields.unitPrice')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('invoices.fields.discountPercent')}
                      </Table.Th>
                      <Table.Th scope="col">{t('invoices.fields.taxCodeIds')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('invoices.fields.lineNet')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoice.lines.map((line, i) => (
                      // Lines have no identity of their own: their position is theirs.
                      // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a document never reorder here
                      <Table.Tr key={i}>
                        <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{line.description}</Table.Td>
                        <Table.Td ta="right" ff="monospace">
                          {line.quantity}
                        </Table.Td>
                        <Table.Td ta="right" ff="monospace">
                          {money(line.unitPrice)}
                        </Table.Td>
                        <Table.Td ta="right">{isZero(line.discountPercent) ? '' : `${line.discountPercent}%`}</Table.Td>
                        <Table.Td>{line.taxCodeIds.map(codeName).join(', ')}</Table.Td>
                        <Table.Td ta="right" ff="monospace">
                          {money(line.net)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>

              <InvoiceTotals document={invoice} currency={invoice.currency} />

              {invoice.notes && (
                <Field label={t('invoices.fields.notes')}>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{invoice.notes}</Text>
                </Field>
              )}
            </>
          )}
        </Stack>
      </Drawer>
      {/* Beside the drawer rather than in it, so no event of the dialog bubbles to the drawer through React. */}
      {crediting && invoice && (
        <CreditInvoiceModal
          invoice={invoice}
          onClose={() => setCrediting(false)}
          onCredited={(note) => {
            setCrediting(false);
            setLastCredit(note);
          }}
        />
      )}
    </>
  );
}
