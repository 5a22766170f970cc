import { ActionIcon, Button, Group, Modal, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { today } from './day.ts';
import { formatDecimal, fromUnits, parseAmountInput, sumDecimals } from './decimal.ts';
import { accountName, type Entry, journalsQuery, type NewEntryLine, postEntry, wholeChartQuery } from './finance-api.ts';

interface LineDraft {
  key: number;
  accountCode: string | null;
  debit: string;
  credit: string;
}

let nextKey = 1;
const blankLine = (): LineDraft => ({ key: nextKey++, accountCode: null, debit: '', credit: '' });
const HEADER_FIELDS = ['journalCode', 'date', 'memo', 'reference'];

export function NewEntryModal({ opened, onClose, onPosted }: { opened: boolean; onClose: () => void; onPosted: (entry: Entry) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const journals = useQuery(journalsQuery);
  const accounts = useQuery(wholeChartQuery('exclude'));
  const [journalCode, setJournalCode] = useState<string | null>('GEN');
  const [date, setDate] = useState(today);
  const [memo, setMemo] = useState('');
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() => [blankLine(), blankLine()]);

  const mutation = useMutation({
    mutationFn: postEntry,
    onSuccess: async (entry) => {
      notifySuccess(t('finance.entries.postedNotice', { number: `${entry.journalCode} ${entry.number ?? ''}`.trim() }));
      await queryClient.invalidateQueries({ queryKey: ['ledger'] });
      close();
      onPosted(entry);
    },
  });

  function close() {
    setJournalCode('GEN');
    setDate(today());
    setMemo('');
    setReference('');
    setLines([blankLine(), blankLine()]);
    mutation.reset();
    onClose();
  }

  const update = (key: number, patch: Partial<LineDraft>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const debits = lines.map((l) => parseAmountInput(l.debit));
  const credits = lines.map((l) => parseAmountInput(l.credit));
  const amountsValid = [...debits, ...credits].every((v) => v !== null);
  const totalDebit = sumDecimals(debits.map((v) => v ?? ''));
  const totalCredit = sumDecimals(credits.map((v) => v ?? ''));
  const difference = totalDebit - totalCredit;
  const balanced = amountsValid && lines.length >= 2 && totalDebit > 0n && difference === 0n;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!balanced) return;
    mutation.mutate({
      journalCode: journalCode ?? '',
      date,
      memo: memo.trim() || undefined,
      reference: reference.trim() || undefined,
      lines: lines.map((line, i): NewEntryLine => {
        const out: NewEntryLine = { accountCode: line.accountCode ?? '' };
        if (debits[i]) out.debit = debits[i];
        if (credits[i]) out.credit = credits[i];
        return out;
      }),
    });
  };

  const errors = fieldErrors(mutation.error);
  const lineFields = lines.flatMap((_, i) => ['accountCode', 'accountId', 'debit', 'credit'].map((f) => `lines.${i}.${f}`));
  const accountOptions = (accounts.data ?? []).map((a) => ({ value: a.code, label: `${a.code} — ${accountName(a, language)}` }));
  const amount = (units: bigint) => formatDecimal(fromUnits(units), language);

  return (
    <Modal opened={opened} onClose={close} title={t('finance.entries.createTitle')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error ?? accounts.error ?? journals.error} fields={[...HEADER_FIELDS, ...lineFields]} />
          <Group grow align="flex-start">
            <Select
              label={t('finance.entries.journal')}
              required
              data={(journals.data?.items ?? []).map((j) => ({
                value: j.code,
                label: `${j.code} — ${t(`finance.journalKinds.${j.kind}`, { defaultValue: j.name })}`,
              }))}
              value={journalCode}
              onChange={setJournalCode}
              error={errors.journalCode}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput
              label={t('finance.entries.date')}
              type="date"
              required
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={errors.date}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('finance.entries.memo')}
              value={memo}
              onChange={(e) => setMemo(e.currentTarget.value)}
              error={errors.memo}
            />
            <TextInput
              label={t('finance.entries.reference')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors.reference}
            />
          </Group>
          <Table>
            <Table.Caption>{t('finance.entries.linesCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('finance.entries.account')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('finance.debit')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('finance.credit')}
                </Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line, i) => {
                const n = i + 1;
                return (
                  <Table.Tr key={line.key}>
                    <Table.Td miw={260}>
                      <Select
                        aria-label={t('finance.entries.accountOfLine', { n })}
                        placeholder={t('finance.entries.chooseAccount')}
                        data={accountOptions}
                        value={line.accountCode}
                        onChange={(value) => update(line.key, { accountCode: value })}
                        error={errors[`lines.${i}.accountCode`] ?? errors[`lines.${i}.accountId`]}
                        searchable
                        comboboxProps={{ withinPortal: true }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('finance.entries.debitOfLine', { n })}
                        inputMode="decimal"
                        autoComplete="off"
                        value={line.debit}
                        onChange={(e) => update(line.key, { debit: e.currentTarget.value })}
                        error={
                          debits[i] === null
                            ? t('finance.entries.invalidAmount')
                            : (errors[`lines.${i}.debit`] ?? errors[`lines.${i}.amountCurrency`])
                        }
                        styles={{ input: { textAlign: 'right' } }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('finance.entries.creditOfLine', { n })}
                        inputMode="decimal"
                        autoComplete="off"
                        value={line.credit}
                        onChange={(e) => update(line.key, { credit: e.currentTarget.value })}
                        error={credits[i] === null ? t('finance.entries.invalidAmount') : errors[`lines.${i}.credit`]}
                        styles={{ input: { textAlign: 'right' } }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}
                        disabled={lines.length <= 2}
                        aria-label={t('finance.entries.removeLine', { n })}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('finance.total')}</Table.Th>
                <Table.Td ta="right" ff="monospace">
                  {amount(totalDebit)}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {amount(totalCredit)}
                </Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setLines((all) => [...all, blankLine()])}
            >
              {t('finance.entries.addLine')}
            </Button>
            <Text role="status" aria-live="polite" c={balanced ? undefined : 'red.8'} fw={600}>
              {balanced
                ? t('finance.entries.balanced')
                : t('finance.entries.difference', { amount: amount(difference < 0n ? -difference : difference) })}
            </Text>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!balanced}>
              {t('finance.entries.post')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
