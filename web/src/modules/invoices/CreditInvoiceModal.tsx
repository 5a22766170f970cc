import { Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { isDay, today } from '../finance/day.ts';
import { formatDecimal } from '../finance/decimal.ts';
import { creditErrors, creditLines, defaultQuantities, lineNoOf } from './credit-form.ts';
import { type CreditInput, creditInvoice, type Invoice, invoiceQuery } from './invoices-api.ts';

interface CreditInvoiceModalProps {
  invoice: Invoice;
  onClose: () => void;
  /** The credit note issued. */
  onCredited: (creditNote: Invoice) => void;
}

type Mode = 'lines' | 'everything';

/**
 * Credits an issued invoice: a reason, a date, and a quantity to credit per line (the whole line unless
 * changed), or everything not credited yet. What earlier credit notes took is the server's to check: its
 * refusal of a quantity shows on that line's row.
 */
export function CreditInvoiceModal({ invoice, onClose, onCredited }: CreditInvoiceModalProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [issueDate, setIssueDate] = useState(today);
  const [quantities, setQuantities] = useState(() => defaultQuantities(invoice.lines));
  const [localErrors, setLocalErrors] = useState<{ fields: Record<string, string>; rows: Record<number, string> }>({
    fields: {},
    rows: {},
  });
  // The rows the last request sent, in order: the server's `lines.N` is the N-th of them.
  const [sentRows, setSentRows] = useState<number[]>([]);

  const mutation = useMutation({
    mutationFn: (input: CreditInput) => creditInvoice(invoice.id, input),
    onSuccess: async (creditNote) => {
      notifySuccess(t('invoices.credit.createdNotice', { number: creditNote.numberLabel ?? '' }));
      queryClient.setQueryData(invoiceQuery(creditNote.id).queryKey, creditNote);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: invoiceQuery(invoice.id).queryKey }),
        queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] }),
      ]);
      onCredited(creditNote);
    },
  });

  // After a refusal, go to the first field in error, else to the general alert.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!mutation.error && Object.keys(localErrors.fields).length + Object.keys(localErrors.rows).length === 0) return;
    const form = formRef.current;
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else form?.querySelector('[role="alert"]')?.scrollIntoView({ block: 'nearest' });
  }, [mutation.error, localErrors]);

  const send = (mode: Mode) => {
    const fields: Record<string, string> = {};
    const rows: Record<number, string> = {};
    if (reason.trim() === '') fields.reason = t('invoices.credit.errors.required');
    if (!isDay(issueDate)) fields.issueDate = t('invoices.credit.errors.required');
    const typed = creditLines(invoice.lines, quantities);
    if (mode === 'lines') {
      for (const row of typed.invalid) rows[row] = t('invoices.credit.errors.invalidQuantity');
      if (typed.invalid.length === 0 && typed.lines.length === 0) fields.lines = t('invoices.credit.errors.nothing');
    }
    if (Object.keys(fields).length + Object.keys(rows).length > 0) {
      setLocalErrors({ fields, rows });
      mutation.reset();
      return;
    }
    setLocalErrors({ fields: {}, rows: {} });
    setSentRows(mode === 'lines' ? typed.rows : []);
    mutation.mutate({ reason: reason.trim(), issueDate, ...(mode === 'lines' ? { lines: typed.lines } : {}) });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send('lines');
  };

  const server = creditErrors(fieldErrors(mutation.error), sentRows);
  const fieldError = (name: string) => localErrors.fields[name] ?? server.fields[name];
  const rowError = (row: number) => localErrors.rows[row] ?? server.rows[row];
  const number = invoice.numberLabel ?? '';

  return (
    <Modal opened onClose={onClose} title={t('invoices.credit.title', { number })} size="xl" closeOnClickOutside={false}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('invoices.credit.intro')}</Text>
          <ErrorAlert error={mutation.error} fields={server.shown} />
          <Group align="flex-start" wrap="wrap">
            <Textarea
              label={t('invoices.credit.reason')}
              required
              autosize
              minRows={2}
              maxRows={5}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldError('reason')}
              miw={260}
              style={{ flex: 1 }}
            />
            <TextInput
              label={t('invoices.credit.issueDate')}
              type="date"
              required
              value={issueDate}
              onChange={(e) => setIssueDate(e.currentTarget.value)}
              error={fieldError('issueDate')}
              w={180}
            />
          </Group>

          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Caption>{t('invoices.credit.linesCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('invoices.fields.description')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('invoices.credit.invoiced')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('invoices.fields.unitPrice')}
                  </Table.Th>
                  <Table.Th scope="col">{t('invoices.credit.quantity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.lines.map((line, row) => {
                  const n = lineNoOf(line, row);
                  return (
                    <Table.Tr key={n}>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{line.description}</Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {line.quantity}
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {formatDecimal(line.unitPrice, language)}
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t('invoices.credit.quantityOfLine', { n })}
                          inputMode="decimal"
                          autoComplete="off"
                          value={quantities[row] ?? ''}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            setQuantities((q) => q.map((old, i) => (i === row ? value : old)));
                          }}
                          error={rowError(row)}
                          w={160}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {fieldError('lines') && (
            <Text c="red" size="sm" role="alert">
              {fieldError('lines')}
            </Text>
          )}

          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              {t('common.cancel')}
            </Button>
            <Button variant="default" onClick={() => send('everything')} loading={mutation.isPending}>
              {t('invoices.credit.everything')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('invoices.credit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
