import type { ExportLanguage } from './report-table.ts';

/** The words exports print, in the languages the app speaks (the web app's i18n has its own copy). */
const WORDS = {
  balanceSheet: ['Balance sheet', 'Balance de situación'],
  profitAndLoss: ['Profit and loss', 'Cuenta de pérdidas y ganancias'],
  cashFlow: ['Cash flow statement', 'Estado de flujos de efectivo'],
  generalLedger: ['General ledger', 'Libro mayor'],
  trialBalance: ['Trial balance', 'Balance de sumas y saldos'],
  code: ['Code', 'Código'],
  account: ['Account', 'Cuenta'],
  type: ['Type', 'Tipo'],
  date: ['Date', 'Fecha'],
  entry: ['Entry', 'Asiento'],
  description: ['Description', 'Concepto'],
  debit: ['Debit', 'Debe'],
  credit: ['Credit', 'Haber'],
  balance: ['Balance', 'Saldo'],
  amount: ['Amount', 'Importe'],
  opening: ['Opening balance', 'Saldo inicial'],
  closing: ['Closing balance', 'Saldo final'],
  total: ['Total', 'Total'],
  currency: ['Currency', 'Moneda'],
  at: ['At', 'A'],
  from: ['From', 'Desde'],
  to: ['To', 'Hasta'],
  allDates: ['All dates', 'Todas las fechas'],
  costCenter: ['Cost centre', 'Centro de coste'],
  project: ['Project', 'Proyecto'],
  department: ['Department', 'Departamento'],
  assets: ['Assets', 'Activo'],
  liabilities: ['Liabilities', 'Pasivo'],
  equity: ['Equity', 'Patrimonio neto'],
  income: ['Income', 'Ingresos'],
  expenses: ['Expenses', 'Gastos'],
  operating: ['Cash flows from operating activities', 'Flujos de efectivo de las actividades de explotación'],
  investing: ['Cash flows from investing activities', 'Flujos de efectivo de las actividades de inversión'],
  financing: ['Cash flows from financing activities', 'Flujos de efectivo de las actividades de financiación'],
  liabilitiesAndEquity: ['Total liabilities and equity', 'Total patrimonio neto y pasivo'],
  netResult: ['Net result', 'Resultado del ejercicio'],
  netChange: ['Net change in cash', 'Aumento/disminución neta del efectivo'],
  cashOpening: ['Cash at the beginning of the period', 'Efectivo al comienzo del periodo'],
  cashClosing: ['Cash at the end of the period', 'Efectivo al final del periodo'],
  cashChange: ['Change of the cash and bank accounts', 'Variación de las cuentas de caja y bancos'],
  difference: ['Difference', 'Diferencia'],
  other: ['Other', 'Otros'],
  asset: ['Asset', 'Activo'],
  liability: ['Liability', 'Pasivo'],
  expense: ['Expense', 'Gasto'],
} as const satisfies Record<string, readonly [string, string]>;

/** Subtype names for group subtotals; an unknown subtype prints as it is. */
const SUBTYPES: Record<string, readonly [string, string]> = {
  cash: ['Cash', 'Caja'],
  bank: ['Banks', 'Bancos'],
  receivable: ['Receivables', 'Deudores comerciales'],
  allowance: ['Allowances', 'Deterioro de créditos'],
  inventory: ['Inventories', 'Existencias'],
  prepayment: ['Prepayments', 'Periodificaciones'],
  tax: ['Taxes', 'Administraciones públicas'],
  fixed_asset: ['Fixed assets', 'Inmovilizado'],
  accumulated_depreciation: ['Accumulated depreciation', 'Amortización acumulada'],
  deposit: ['Deposits and guarantees', 'Fianzas y depósitos'],
  employee_advance: ['Employee advances', 'Anticipos de remuneraciones'],
  suspense: ['Suspense', 'Partidas pendientes de aplicación'],
  payable: ['Payables', 'Acreedores comerciales'],
  accrued: ['Accrued liabilities', 'Acreedores varios'],
  payroll: ['Payroll', 'Personal'],
  credit_card: ['Credit cards', 'Tarjetas de crédito'],
  deferred_revenue: ['Deferred revenue', 'Ingresos anticipados'],
  loan: ['Loans', 'Deudas con entidades de crédito'],
  capital: ['Capital', 'Capital'],
  drawings: ['Drawings and dividends', 'Retiros y dividendos'],
  reserve: ['Reserves', 'Reservas'],
  retained_earnings: ['Retained earnings', 'Resultados acumulados'],
  retained_losses: ['Losses of prior years', 'Resultados negativos de ejercicios anteriores'],
  current_earnings: ['Result of the year (account)', 'Resultado del ejercicio (cuenta)'],
  grant: ['Grants', 'Subvenciones'],
  unclosed_result: ['Result not yet closed', 'Resultado pendiente de cierre'],
  revenue: ['Revenue', 'Ventas y prestaciones de servicios'],
  other_income: ['Other income', 'Otros ingresos'],
  fx: ['Exchange differences', 'Diferencias de cambio'],
  cost_of_sales: ['Cost of sales', 'Aprovisionamientos'],
  operating: ['Operating expenses', 'Otros gastos de explotación'],
  depreciation: ['Depreciation', 'Amortización'],
  interest: ['Interest', 'Gastos financieros'],
  income_tax: ['Income tax', 'Impuesto sobre beneficios'],
  bad_debt: ['Bad debts', 'Pérdidas por créditos incobrables'],
  other_expense: ['Other expenses', 'Otros gastos'],
  net_result: ['Result', 'Resultado'],
};

export type Word = keyof typeof WORDS;

export interface Labels {
  language: ExportLanguage;
  word(key: Word): string;
  subtype(subtype: string | null): string;
  /** An account's name in the export's language. */
  name(account: { name: string; nameEs: string | null }): string;
  /** How a period or date is headed: "2025-01-01 – 2025-12-31", "To 2025-12-31", "All dates". */
  period(from: string | null, to: string | null): string;
}

export function labelsFor(language: ExportLanguage): Labels {
  const index = language === 'es' ? 1 : 0;
  const word = (key: Word) => WORDS[key][index];
  return {
    language,
    word,
    subtype: (subtype) => (subtype === null ? word('other') : (SUBTYPES[subtype]?.[index] ?? subtype)),
    name: (account) => (index === 1 && account.nameEs ? account.nameEs : account.name),
    period: (from, to) => {
      if (from && to) return `${from} – ${to}`;
      if (from) return `${word('from')} ${from}`;
      if (to) return `${word('to')} ${to}`;
      return word('allDates');
    },
  };
}
