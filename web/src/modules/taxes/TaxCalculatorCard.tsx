import { ActionIcon, Badge, Button, Card, Fieldset, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors, fieldName } from '../../app/ui/field-errors.ts';
import { formatDecimal } from '../finance/decimal.ts';
import { WRAPPING_BADGE } from './tax-ui.ts';
import { type ComputeInput, computeQuery, formatRate, type TaxCode, type TaxSide, taxCodeName } from './taxes-api.ts';

interface LineDraft {
  key: number;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxCodeIds: string[];
}

const LINE_FIELDS = ['quantity', 'unitPrice', 'discountPercent', 'taxCodeIds'] as const;
const MAX_LINES = 50;
let nextKey = 1;
const blankLine = (taxCodeIds: string[] = []): LineDraft => ({
  key: nextKey++,
  quantity: '1',
  unitPrice: '',
  discountPercent: '',
  taxCodeIds,
});

/** A number as typed ("1.000,5" is not accepted, "12,5" is "12.5"): the API checks the rest. */
const typed = (value: string) => value.trim().replace(',', '.');

/** The compute request for the draft, or null while a line lacks its quantity or price. */
function computeInput(side: TaxSide, currency: string, lines: LineDraft[]): ComputeInput | null {
  if (lines.some((l) => !l.quantity.trim() || !l.unitPrice.trim())) return null;
  const code = currency.trim().toUpperCase();
  return {
    side,
    ...(code ? { currency: code } : {}),
    lines: lines.map((l) => ({
      quantity: typed(l.quantity),
      unitPrice: typed(l.unitPrice),
      ...(l.discountPercent.trim() ? { discountPercent: typed(l.discountPercent) } : {}),
      taxCodeIds: l.taxCodeIds,
    })),
  };
}

/** Every error message of a field and the ones under it ("lines.0.taxCodeIds" and "lines.0.taxCodeIds.1"). */
function errorsUnder(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.errors
    .filter((item) => {
      const name = fieldName(item.path);
      return name === field || name.startsWith(`${field}.`);
    })
    .map((item) => item.message);
  return messages.length > 0 ? [...new Set(messages)].join('; ') : undefined;
}

/**
 * Try the company's tax codes and rounding on a made-up document: lines with quantity, price, discount and
 * taxes, computed by the server as they are typed (the same arithmetic invoices and bills use).
 */
export function TaxCalculatorCard({ codes }: { codes: TaxCode[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const [side, setSide] = useState<TaxSide>('sales');
  const [currency, setCurrency] = useState(me.company.baseCurrency);
  const [lines, setLines] = useState<LineDraft[]>(() => [blankLine()]);
  const input = useMemo(() => computeInput(side, currency, lines), [side, currency, lines]);
  const [debounced] = useDebouncedValue(input, 350);
  const result = useQuery({ ...computeQuery(debounced), placeholderData: keepPreviousData });

  const update = (key: number, patch: Partial<LineDraft>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const money = (value: string) => formatDecimal(value, language);
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const codeLabel = (id: string) => codeById.get(id)?.code ?? id;
  const options = codes.map((c) => ({ value: c.id, label: `${c.code} — ${taxCodeName(c, language)}` }));
  // The result shown is the one for what is on screen (a stale one is hidden while the new one loads).
  const data = result.data && input !== null && !result.isError ? result.data : null;
  const current = data !== null && !result.isPlaceholderData && JSON.stringify(debounced) === JSON.stringify(input);
  const errors = fieldErrors(result.error);
  const fields = ['side', 'currency', 'lines', ...lines.flatMap((_, i) => LINE_FIELDS.map((f) => `lines.${i}.${f}`))];
  const lineFieldErrors = (i: number) => Object.keys(errors).filter((name) => name.startsWith(`lines.${i}.taxCodeIds.`));
  const allFields = [...fields, ...lines.flatMap((_, i) => lineFieldErrors(i))];

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="tax-calculator-title">
      <Stack>
        <div>
          <Title order={2} size="h3" id="tax-calculator-title">
            {t('taxes.calculator.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('taxes.calculator.description')}
          </Text>
        </div>
        <Group align="flex-end">
          <Select
            label={t('taxes.calculator.side')}
            data={(['sales', 'purchases'] as const).map((value) => ({ value, label: t(`taxes.calculator.sides.${value}`) }))}
            value={side}
            onChange={(value) => setSide((value ?? 'sales') as TaxSide)}
            error={errors.side}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('taxes.calculator.currency')}
            maxLength={3}
            autoComplete="off"
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
            error={errors.currency}
            w={120}
          />
        </Group>
        <ErrorAlert error={result.error} fields={allFields} />
        {lines.map((line, i) => {
          const n = i + 1;
          const err = (f: string) => errors[`lines.${i}.${f}`];
          const net = current ? data?.lines[i]?.net : undefined;
          return (
            <Fieldset key={line.key} legend={t('taxes.calculator.lineN', { n })} variant="filled">
              <Group align="flex-start" wrap="wrap">
                <TextInput
                  label={t('taxes.calculator.quantity')}
                  required
                  inputMode="decimal"
                  autoComplete="off"
                  value={line.quantity}
                  onChange={(e) => update(line.key, { quantity: e.currentTarget.value })}
                  error={err('quantity')}
                  w={110}
                />
                <TextInput
                  label={t('taxes.calculator.unitPrice')}
                  required
                  inputMode="decimal"
                  autoComplete="off"
                  value={line.unitPrice}
                  onChange={(e) => update(line.key, { unitPrice: e.currentTarget.value })}
                  error={err('unitPrice')}
                  w={150}
                />
                <TextInput
                  label={t('taxes.calculator.discount')}
                  inputMode="decimal"
                  autoComplete="off"
                  rightSection="%"
                  value={line.discountPercent}
                  onChange={(e) => update(line.key, { discountPercent: e.currentTarget.value })}
                  error={err('discountPercent')}
                  w={120}
                />
                <MultiSelect
                  label={t('taxes.calculator.taxes')}
                  placeholder={line.taxCodeIds.length === 0 ? t('taxes.calculator.noTaxes') : undefined}
                  data={options}
                  value={line.taxCodeIds}
                  onChange={(value) => update(line.key, { taxCodeIds: value })}
                  error={errorsUnder(result.error, `lines.${i}.taxCodeIds`)}
                  maxValues={5}
                  searchable
                  hidePickedOptions
                  nothingFoundMessage={t('taxes.form.noMatch')}
                  miw={280}
                  style={{ flex: 1 }}
                  comboboxProps={{ withinPortal: true }}
                />
                <TextInput
                  label={t('taxes.calculator.lineNet')}
                  readOnly
                  variant="filled"
                  value={net !== undefined ? money(net) : '—'}
                  styles={{ input: { textAlign: 'right', fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  w={140}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mt={28}
                  disabled={lines.length <= 1}
                  onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}
                  aria-label={t('taxes.calculator.removeLineN', { n })}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            </Fieldset>
          );
        })}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setLines((all) => [...all, blankLine(all[all.length - 1]?.taxCodeIds ?? [])])}
            disabled={lines.length >= MAX_LINES}
          >
            {t('taxes.calculator.addLine')}
          </Button>
          <Text size="sm" c="dimmed" aria-live="polite">
            {input === null ? t('taxes.calculator.incomplete') : result.isFetching || !current ? t('taxes.calculator.computing') : ''}
          </Text>
        </Group>

        {data && (
          <Group align="flex-start" grow wrap="wrap" style={{ opacity: current ? 1 : 0.6 }}>
            <Table.ScrollContainer minWidth={420}>
              <Table striped>
                <Table.Caption>{t('taxes.calculator.breakdownCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('taxes.calculator.tax')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('taxes.calculator.base')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('taxes.fields.rate')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('taxes.calculator.amount')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.taxes.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={4}>{t('taxes.calculator.noTaxesApplied')}</Table.Td>
                    </Table.Tr>
                  )}
                  {data.taxes.map((tax) => (
                    <Table.Tr key={tax.taxId}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Text span ff="monospace">
                            {codeLabel(tax.taxId)}
                          </Text>
                          {tax.kind !== 'vat' && (
                            <Badge
                              variant="light"
                              color={tax.kind === 'withholding' ? 'orange' : 'grape'}
                              tt="none"
                              styles={WRAPPING_BADGE}
                            >
                              {t(`taxes.kinds.${tax.kind}`)}
                            </Badge>
                          )}
                          {tax.reverseCharge && (
                            <Badge variant="light" color="blue" tt="none" styles={WRAPPING_BADGE}>
                              {t('taxes.flags.reverseCharge')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {money(tax.base)}
                      </Table.Td>
                      <Table.Td ta="right">{formatRate(tax.rate, language)}</Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {tax.kind === 'withholding' ? `−${money(tax.amount)}` : money(tax.amount)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Table maw={360}>
              <Table.Caption>{t('taxes.calculator.totalsCaption')}</Table.Caption>
              <Table.Tbody>
                <TotalRow label={t('taxes.calculator.net')} value={money(data.net)} />
                <TotalRow label={t('taxes.calculator.taxTotal')} value={money(data.tax)} />
                <TotalRow label={t('taxes.calculator.withholding')} value={money(data.withholding)} />
                {data.reverseChargeTax !== '0' && !/^0(\.0+)?$/.test(data.reverseChargeTax) && (
                  <TotalRow label={t('taxes.calculator.reverseChargeTax')} value={money(data.reverseChargeTax)} />
                )}
                <TotalRow label={t('taxes.calculator.total')} value={money(data.total)} bold />
              </Table.Tbody>
            </Table>
          </Group>
        )}
      </Stack>
    </Card>
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
