import { Anchor, Table } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../decimal.ts';
import { accountName } from '../finance-api.ts';
import type { AmountPair, StatementSection } from './reports-api.ts';

export interface StatementTableProps {
  caption: string;
  /** Column headings of the amount and (when comparing) the comparison. */
  amountLabel: string;
  compareLabel: string | null;
  sections: { title: string; section: StatementSection }[];
  /** Rows after the sections: grand totals and checks. */
  totals: { label: string; value: AmountPair }[];
  /** Drill-down: an account's general ledger. */
  onAccount: (accountId: string) => void;
}

/** A statement as a table: per section a heading, the accounts by subtype with subtotals, the section total. */
export function StatementTable({ caption, amountLabel, compareLabel, sections, totals, onAccount }: StatementTableProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const comparing = compareLabel !== null;
  const amounts = (value: AmountPair, bold = false) => (
    <>
      <Table.Td ta="right" ff="monospace" fw={bold ? 700 : undefined}>
        {formatDecimal(value.amount, language)}
      </Table.Td>
      {comparing && (
        <Table.Td ta="right" ff="monospace" fw={bold ? 700 : undefined}>
          {formatDecimal(value.compare ?? '0', language)}
        </Table.Td>
      )}
    </>
  );
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.code')}</Table.Th>
            <Table.Th scope="col">{t('reports.account')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {amountLabel}
            </Table.Th>
            {comparing && (
              <Table.Th scope="col" ta="right">
                {compareLabel}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sections.map(({ title, section }) => (
            <Fragment key={section.key}>
              <Table.Tr>
                <Table.Th scope="rowgroup" colSpan={comparing ? 4 : 3}>
                  {title}
                </Table.Th>
              </Table.Tr>
              {section.groups.map((group) => (
                <Fragment key={group.subtype ?? ''}>
                  {group.lines.map((line) => {
                    const name = accountName(line, language);
                    const accountId = line.accountId;
                    return (
                      <Table.Tr key={accountId ?? line.name}>
                        <Table.Td ff="monospace">{line.code ?? ''}</Table.Td>
                        <Table.Td>
                          {accountId ? (
                            <Anchor
                              component="button"
                              type="button"
                              onClick={() => onAccount(accountId)}
                              title={t('reports.openLedger', { account: name })}
                            >
                              {name}
                            </Anchor>
                          ) : (
                            <em>{name}</em>
                          )}
                        </Table.Td>
                        {amounts(line)}
                      </Table.Tr>
                    );
                  })}
                  {/* A subtotal of one line would only repeat it. */}
                  {group.lines.length > 1 && (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Th scope="row" fw={600}>
                        {t('reports.totalOf', {
                          name: t(`reports.subtypes.${group.subtype ?? 'other'}`, { defaultValue: group.subtype ?? '' }),
                        })}
                      </Table.Th>
                      {amounts(group.total)}
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
              <Table.Tr>
                <Table.Td />
                <Table.Th scope="row">{t('reports.totalOf', { name: title })}</Table.Th>
                {amounts(section.total, true)}
              </Table.Tr>
            </Fragment>
          ))}
        </Table.Tbody>
        {totals.length > 0 && (
          <Table.Tfoot>
            {totals.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Td />
                <Table.Th scope="row">{row.label}</Table.Th>
                {amounts(row.value, true)}
              </Table.Tr>
            ))}
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
