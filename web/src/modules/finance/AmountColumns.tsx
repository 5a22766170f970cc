import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The right-aligned Debit / Credit / Balance header cells that the trial-balance tables end with. */
export function AmountHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th scope="col" ta="right">
        {t('finance.debit')}
      </Table.Th>
      <Table.Th scope="col" ta="right">
        {t('finance.credit')}
      </Table.Th>
      <Table.Th scope="col" ta="right">
        {t('finance.balance')}
      </Table.Th>
    </>
  );
}

/** The matching cells: each amount formatted for display, in monospace so digits line up. */
export function AmountCells({ amounts, format, bold }: { amounts: readonly string[]; format: (value: string) => string; bold?: boolean }) {
  return (
    <>
      {amounts.map((value, i) => (
        // Position is the identity here: the cells are debit, credit, balance in that order.
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
        <Table.Td key={i} ta="right" ff="monospace" fw={bold ? 700 : undefined}>
          {format(value)}
        </Table.Td>
      ))}
    </>
  );
}
