import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconListCheck, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ConfirmButton } from '../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { errorMessage } from '../../app/ui/field-errors.ts';
import { notifyError, notifySuccess } from '../../app/ui/notify.ts';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { wholeChartQuery } from '../finance/finance-api.ts';
import { RoundingCard } from './RoundingCard.tsx';
import { TaxCalculatorCard } from './TaxCalculatorCard.tsx';
import { TaxCodeFormModal } from './TaxCodeFormModal.tsx';
import { WRAPPING_BADGE } from './tax-ui.ts';
import {
  type ArchivedFilter,
  addDefaultTaxCodes,
  archiveTaxCode,
  formatRate,
  restoreTaxCode,
  type TaxCode,
  taxCodeName,
  taxCodesQuery,
} from './taxes-api.ts';

type Dialog = { editing: TaxCode | null } | null;

const ARCHIVED_FILTERS: ArchivedFilter[] = ['exclude', 'only', 'include'];
const FLAGS = ['priceIncluded', 'reverseCharge', 'compound'] as const;

/** The company's tax codes, how it rounds taxes, and a calculator to try them. */
export function TaxesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const canWrite = me.permissions.includes('taxes:write');
  const queryClient = useQueryClient();
  const [archived, setArchived] = useState<ArchivedFilter>('exclude');
  const [dialog, setDialog] = useState<Dialog>(null);
  const codes = useQuery(taxCodesQuery(archived));
  const activeCodes = useQuery(taxCodesQuery('exclude'));
  // Codes may point to accounts archived since: the whole chart, to show their codes.
  const accounts = useQuery(wholeChartQuery('include'));
  const accountCode = new Map((accounts.data ?? []).map((a) => [a.id, a.code]));
  const rows = codes.data?.items ?? [];

  const afterChange = async (message: string) => {
    notifySuccess(message);
    await queryClient.invalidateQueries({ queryKey: ['taxes'] });
  };
  const archive = useMutation({
    mutationFn: archiveTaxCode,
    onSuccess: (code) => afterChange(t('taxes.archivedNotice', { code: code.code })),
    onError: (error) => notifyError(errorMessage(error, t)),
  });
  const restore = useMutation({
    mutationFn: restoreTaxCode,
    onSuccess: (code) => afterChange(t('taxes.restoredNotice', { code: code.code })),
    onError: (error) => notifyError(errorMessage(error, t)),
  });
  const defaults = useMutation({
    mutationFn: addDefaultTaxCodes,
    onSuccess: ({ items }) =>
      afterChange(
        items.length === 0
          ? t('taxes.defaults.none')
          : t('taxes.defaults.added', { count: items.length, codes: items.map((c) => c.code).join(', ') }),
      ),
    onError: (error) => notifyError(errorMessage(error, t)),
  });
  const busy = archive.isPending || restore.isPending;

  const accountsText = (code: TaxCode) =>
    (
      [
        ['salesAccountId', 'taxes.accountsShort.sales'],
        ['purchasesAccountId', 'taxes.accountsShort.purchases'],
        ['reverseChargeAccountId', 'taxes.accountsShort.reverseCharge'],
      ] as const
    )
      .filter(([field]) => code[field])
      .map(([field, label]) => `${t(label)} ${accountCode.get(code[field] as string) ?? '…'}`)
      .join(' · ');

  return (
    <>
      <PageHeader
        title={t('taxes.title')}
        description={t('taxes.description')}
        actions={
          canWrite && (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconListCheck size={16} aria-hidden />}
                loading={defaults.isPending}
                onClick={() => defaults.mutate()}
              >
                {t('taxes.defaults.button')}
              </Button>
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ editing: null })}>
                {t('taxes.create')}
              </Button>
            </Group>
          )
        }
      />
      <Stack gap="xl">
        <Stack>
          <Group align="flex-end">
            <Select
              label={t('taxes.archivedFilter')}
              data={ARCHIVED_FILTERS.map((value) => ({ value, label: t(`taxes.archivedFilters.${value}`) }))}
              value={archived}
              onChange={(value) => setArchived((value ?? 'exclude') as ArchivedFilter)}
              allowDeselect={false}
              w={220}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          <ErrorAlert error={codes.error ?? accounts.error} />
          <Table.ScrollContainer minWidth={1080}>
            <Table striped highlightOnHover>
              <Table.Caption>{t('taxes.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('taxes.fields.code')}</Table.Th>
                  <Table.Th scope="col">{t('taxes.fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('taxes.fields.kind')}</Table.Th>
                  <Table.Th scope="col" miw={150}>
                    {t('taxes.fields.category')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('taxes.fields.rate')}
                  </Table.Th>
                  <Table.Th scope="col">{t('taxes.fields.scope')}</Table.Th>
                  <Table.Th scope="col" miw={150}>
                    {t('taxes.fields.flags')}
                  </Table.Th>
                  <Table.Th scope="col">{t('taxes.fields.accounts')}</Table.Th>
                  {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((code) => {
                  const name = taxCodeName(code, language);
                  return (
                    <Table.Tr key={code.id}>
                      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {code.code}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <span>{name}</span>
                          {code.archivedAt && (
                            <Badge color="gray" variant="light">
                              {t('taxes.archived')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{t(`taxes.kinds.${code.kind}`)}</Table.Td>
                      <Table.Td>
                        {code.category ? (
                          <Text span size="sm" title={t(`taxes.categories.${code.category}`)}>
                            {code.category} — {t(`taxes.categories.${code.category}`)}
                          </Text>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatRate(code.rate, language)}
                      </Table.Td>
                      <Table.Td>{t(`taxes.scopes.${code.scope}`)}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {FLAGS.filter((flag) => code[flag]).map((flag) => (
                            <Badge key={flag} variant="light" color="blue" tt="none" styles={WRAPPING_BADGE}>
                              {t(`taxes.flags.${flag}`)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {accountsText(code)}
                      </Table.Td>
                      {canWrite && (
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            {!code.archivedAt && (
                              <Button
                                size="xs"
                                variant="default"
                                leftSection={<IconPencil size={14} aria-hidden />}
                                aria-label={t('taxes.editCode', { code: code.code })}
                                onClick={() => setDialog({ editing: code })}
                              >
                                {t('taxes.edit')}
                              </Button>
                            )}
                            {code.archivedAt ? (
                              <ConfirmButton
                                size="xs"
                                variant="default"
                                disabled={busy}
                                aria-label={t('taxes.restoreCode', { code: code.code })}
                                title={t('taxes.restoreTitle', { code: code.code })}
                                message={t('taxes.restoreMessage')}
                                confirmLabel={t('taxes.restore')}
                                onConfirm={() => restore.mutate(code)}
                              >
                                {t('taxes.restore')}
                              </ConfirmButton>
                            ) : (
                              <ConfirmButton
                                size="xs"
                                variant="default"
                                color="red"
                                disabled={busy}
                                aria-label={t('taxes.archiveCode', { code: code.code })}
                                title={t('taxes.archiveTitle', { code: code.code })}
                                message={t('taxes.archiveMessage')}
                                confirmLabel={t('taxes.archive')}
                                onConfirm={() => archive.mutate(code)}
                              >
                                {t('taxes.archive')}
                              </ConfirmButton>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {codes.isPending && <Text>{t('common.loading')}</Text>}
          {codes.isSuccess && rows.length === 0 && <Text c="dimmed">{archived === 'only' ? t('taxes.noArchived') : t('taxes.empty')}</Text>}
        </Stack>

        <Stack>
          <Title order={2} size="h3">
            {t('taxes.rounding.title')}
          </Title>
          <RoundingCard canWrite={canWrite} />
        </Stack>

        <TaxCalculatorCard codes={activeCodes.data?.items ?? []} />
      </Stack>
      {dialog && <TaxCodeFormModal editing={dialog.editing} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
    </>
  );
}
