import { add, decimal, div, formatUnits, fromUnits, mul, ONE, percent, type Rational, roundUnits, sub, sum, ZERO } from './rational.ts';

/**
 * The tax arithmetic of a sales or purchase document, pure and exact. Amounts are decimal strings; every
 * intermediate value is an exact fraction and each rounding (half away from zero, to the currency's
 * decimals) happens where the rules put it:
 *   - a line's net amount is rounded (EN 16931: line net = quantity × price − discount, to 2 decimals);
 *   - `line` rounding: each line's tax is rounded, and a tax's total is the sum of its lines';
 *   - `document` rounding: a tax's amount is its total base × rate, rounded once (EN 16931 BR-CO-17 per
 *     VAT category and rate).
 * Kinds: `vat` and `surcharge` (Spain's recargo de equivalencia) add to the total; `withholding` (Spain's
 * IRPF retención) is kept back by the payer, so it is subtracted; a `reverseCharge` tax is computed (the
 * buyer self-assesses it and reports it) but is not charged in the total.
 * Prices may include taxes (`priceIncluded`): the line net is then the amount divided by 1 + their rates,
 * and with `line` rounding those taxes take what is left, so net + included taxes = the amount shown.
 * A compound tax is levied on the net plus the line's non-compound taxes.
 */
export type TaxKind = 'vat' | 'surcharge' | 'withholding';

export interface TaxRule {
  id: string;
  kind: TaxKind;
  /** Percent, e.g. "21" or "5.2". */
  rate: string;
  priceIncluded: boolean;
  compound: boolean;
  reverseCharge: boolean;
}

export interface TaxLineInput {
  quantity: string;
  unitPrice: string;
  /** Percent off the line, e.g. "10". */
  discountPercent?: string | undefined;
  taxes: readonly TaxRule[];
}

export interface TaxOptions {
  rounding: 'line' | 'document';
  /** The currency's decimals (2 for EUR and USD, 0 for JPY). */
  decimals?: number;
}

export interface LineTax {
  taxId: string;
  base: string;
  amount: string;
}

export interface TaxedLine {
  net: string;
  taxes: LineTax[];
}

export interface TaxTotal {
  taxId: string;
  kind: TaxKind;
  rate: string;
  reverseCharge: boolean;
  base: string;
  amount: string;
}

export interface TaxedDocument {
  lines: TaxedLine[];
  /** One per tax used, in order of first use. */
  taxes: TaxTotal[];
  /** Sum of line nets. */
  net: string;
  /** VAT and surcharges charged (reverse-charge taxes excluded). */
  tax: string;
  /** Withheld by the payer. */
  withholding: string;
  /** Self-assessed by the buyer, not charged. */
  reverseChargeTax: string;
  /** What the payer owes: net + tax − withholding. */
  total: string;
}

export class TaxRuleError extends Error {}

/** Refuses combinations that have no meaning (the tax codes' own validation says the same). */
export function checkRule(rule: TaxRule): void {
  if (rule.priceIncluded && rule.compound) throw new TaxRuleError(`tax ${rule.id}: a compound tax cannot be included in the price`);
  if (rule.priceIncluded && rule.kind === 'withholding')
    throw new TaxRuleError(`tax ${rule.id}: a withholding cannot be included in the price`);
  if (rule.priceIncluded && rule.reverseCharge)
    throw new TaxRuleError(`tax ${rule.id}: a reverse-charge tax cannot be included in the price`);
  if (rule.compound && rule.kind === 'withholding') throw new TaxRuleError(`tax ${rule.id}: a withholding cannot be compound`);
}

interface LineWork {
  net: bigint;
  taxes: { rule: TaxRule; base: Rational; exact: Rational; rounded: bigint }[];
}

function lineWork(line: TaxLineInput, decimals: number): LineWork {
  for (const rule of line.taxes) checkRule(rule);
  const ids = new Set(line.taxes.map((t) => t.id));
  if (ids.size !== line.taxes.length) throw new TaxRuleError('a tax appears twice on one line');
  const discount = line.discountPercent ? percent(decimal(line.discountPercent)) : ZERO;
  const amount = mul(mul(decimal(line.quantity), decimal(line.unitPrice)), sub(ONE, discount));
  const included = line.taxes.filter((t) => t.priceIncluded);
  const includedRate = sum(included.map((t) => percent(decimal(t.rate))));
  const netExact = div(amount, add(ONE, includedRate));
  const net = roundUnits(netExact, decimals);
  const netValue = fromUnits(net, decimals);
  const taxes: LineWork['taxes'] = [];
  // Included taxes share what the rounded amount leaves above the rounded net; the last takes the remainder.
  let includedLeft = roundUnits(amount, decimals) - net;
  included.forEach((rule, i) => {
    const exact = mul(netValue, percent(decimal(rule.rate)));
    const rounded = i === included.length - 1 ? includedLeft : roundUnits(exact, decimals);
    includedLeft -= rounded;
    taxes.push({ rule, base: netValue, exact, rounded });
  });
  const simple = line.taxes.filter((t) => !t.priceIncluded && !t.compound);
  for (const rule of simple) {
    const exact = mul(netValue, percent(decimal(rule.rate)));
    taxes.push({ rule, base: netValue, exact, rounded: roundUnits(exact, decimals) });
  }
  const nonCompoundTax = sum(
    taxes.filter((t) => t.rule.kind !== 'withholding' && !t.rule.reverseCharge).map((t) => fromUnits(t.rounded, decimals)),
  );
  for (const rule of line.taxes.filter((t) => t.compound)) {
    const base = add(netValue, nonCompoundTax);
    const exact = mul(base, percent(decimal(rule.rate)));
    taxes.push({ rule, base, exact, rounded: roundUnits(exact, decimals) });
  }
  // Back to the order the line gave its taxes in.
  taxes.sort((a, b) => line.taxes.indexOf(a.rule) - line.taxes.indexOf(b.rule));
  return { net, taxes };
}

/** Computes a document's lines, taxes and totals. */
export function computeTaxes(lines: readonly TaxLineInput[], options: TaxOptions): TaxedDocument {
  const decimals = options.decimals ?? 2;
  const format = (units: bigint) => formatUnits(units, decimals);
  const work = lines.map((line) => lineWork(line, decimals));
  const totals = new Map<string, { rule: TaxRule; base: Rational; exact: Rational; rounded: bigint }>();
  for (const line of work) {
    for (const t of line.taxes) {
      const total = totals.get(t.rule.id) ?? { rule: t.rule, base: ZERO, exact: ZERO, rounded: 0n };
      if (total.rule.rate !== t.rule.rate || total.rule.kind !== t.rule.kind)
        throw new TaxRuleError(`tax ${t.rule.id} has two definitions`);
      total.base = add(total.base, t.base);
      total.exact = add(total.exact, t.exact);
      total.rounded += t.rounded;
      totals.set(t.rule.id, total);
    }
  }
  const taxes: TaxTotal[] = [...totals.values()].map((t) => {
    const amount = options.rounding === 'line' ? t.rounded : roundUnits(t.exact, decimals);
    return {
      taxId: t.rule.id,
      kind: t.rule.kind,
      rate: t.rule.rate,
      reverseCharge: t.rule.reverseCharge,
      base: format(roundUnits(t.base, decimals)),
      amount: format(amount),
    };
  });
  const units = (s: string) => roundUnits(decimal(s), decimals);
  const net = work.reduce((acc, l) => acc + l.net, 0n);
  const charged = taxes.filter((t) => t.kind !== 'withholding' && !t.reverseCharge).reduce((acc, t) => acc + units(t.amount), 0n);
  const withheld = taxes.filter((t) => t.kind === 'withholding').reduce((acc, t) => acc + units(t.amount), 0n);
  const selfAssessed = taxes.filter((t) => t.kind !== 'withholding' && t.reverseCharge).reduce((acc, t) => acc + units(t.amount), 0n);
  return {
    lines: work.map((l) => ({
      net: format(l.net),
      taxes: l.taxes.map((t) => ({ taxId: t.rule.id, base: format(roundUnits(t.base, decimals)), amount: format(t.rounded) })),
    })),
    taxes,
    net: format(net),
    tax: format(charged),
    withholding: format(withheld),
    reverseChargeTax: format(selfAssessed),
    total: format(net + charged - withheld),
  };
}
