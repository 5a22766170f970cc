import { Group, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { formatDecimal } from '../finance/decimal.ts';
import { taxCodesQuery } from '../products/products-api.ts';
import { formatRate } from '../taxes/taxes-api.ts';

export interface TotalsDocument {
  taxes: { taxId: string; kind?: string; rate: string; base: string; amount: string }[];
  net: string;
  tax: string;
  withholding: string;
  total: string;
}

/** The tax breakdown (per code: base, rate, amount) and the totals of an invoice or of the form's lines. */
export function InvoiceTotals({ document, currency }: { document: TotalsDocument; currency?: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  // Archived codes too: an issued invoice may carry a code archived since.
  const codes = useQuery({ ...taxCodesQuery('sales', 'include'), enabled: me.permissions.includes('taxes:read') });
  const byId = new Map((codes.data?.items ?? []).map((c) => [c.id, c]));
  const money = (value: string) => formatDecimal(value, language);
  const withCurrency = (value: string) => (currency ? `${money(value)} ${currency}` : money(value));
  const isWithholding = (tax: TotalsDocument['taxes'][number]) => (tax.kind ?? byId.get(tax.taxId)?.kind) === 'withholding';

  return (
    <Group align="flex-start" grow wrap="wrap">
      <Table striped miw={300}>
        <Table.Caption>{t('invoices.breakdownCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('invoices.tax')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('invoices.base')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('invoices.rate')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('invoices.amount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {document.taxes.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>{t('invoices.noTaxesApplied')}</Table.Td>
            </Table.Tr>
          )}
          {document.taxes.map((tax) => (
            <Table.Tr key={tax.taxId}>
              <Table.Td ff="monospace">{byId.get(tax.taxId)?.code ?? tax.taxId}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {money(tax.base)}
              </Table.Td>
              <Table.Td ta="right">{formatRate(tax.rate, language)}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {isWithholding(tax) ? `−${money(tax.amount)}` : money(tax.amount)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table maw={380} miw={260}>
        <Table.Caption>{t('invoices.totalsCaption')}</Table.Caption>
        <Table.Tbody>
          <TotalRow label={t('invoices.net')} value={withCurrency(document.net)} />
          <TotalRow label={t('invoices.taxTotal')} value={withCurrency(document.tax)} />
          <TotalRow label={t('invoices.withholding')} value={withCurrency(document.withholding)} />
          <TotalRow label={t('invoices.total')} value={withCurrency(document.total)} bold />
        </Table.Tbody>
      </Table>
    </Group>
  );
}

function TotalRow({ label, value, bold }: { label: string; value: string; bold?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={bold ? 700 : 500}>
        {label}
      </Table.Th>
      <Table.Td ta="right" ff="monospace" fw={bold ? 700 : undefined}>
        {value}
      </Table.Td>
    </Table.Tr>
  );
}
