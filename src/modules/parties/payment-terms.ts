import { z } from 'zod';
import type { Actor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { PgCode, pgErrorCode, type Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { text } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { validate } from '../../platform/validate.ts';

/** A share of the total (at most 2 decimals) due `days` after the invoice date. */
const installment = z.strictObject({
  percent: z.string().regex(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, 'must be a percentage like 50 or 33.33'),
  days: z.number().int().min(0).max(3650),
});

const toHundredths = (percent: string) => {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};

export const paymentTermsInput = z.strictObject({
  name: text(100),
  installments: z
    .array(installment)
    .min(1)
    .max(12)
    .refine((list) => list.reduce((sum, i) => sum + toHundredths(i.percent), 0) === 10_000, 'the percentages must add up to exactly 100')
    .refine(
      (list) => list.every((i, n) => n === 0 || i.days > (list[n - 1]?.days ?? -1)),
      'each installment must fall after the one before',
    ),
});
export type PaymentTermsInput = z.input<typeof paymentTermsInput>;

export const paymentTermsSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  installments: z.array(z.object({ percent: z.string(), days: z.number() })),
});
export type PaymentTerms = z.infer<typeof paymentTermsSchema>;

const formatPercent = (percent: string) => {
  const hundredths = toHundredths(percent);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
};

/** The terms every company starts with. */
export const DEFAULT_PAYMENT_TERMS: PaymentTermsInput[] = [
  { name: 'Immediate', installments: [{ percent: '100', days: 0 }] },
  { name: '30 days', installments: [{ percent: '100', days: 30 }] },
  { name: '60 days', installments: [{ percent: '100', days: 60 }] },
  {
    name: '50% now, 50% in 60 days',
    installments: [
      { percent: '50', days: 0 },
      { percent: '50', days: 60 },
    ],
  },
];

async function insertTerms(tx: Tx, companyId: string, actor: Actor, input: z.output<typeof paymentTermsInput>): Promise<PaymentTerms> {
  const terms: PaymentTerms = {
    id: newId(),
    name: input.name,
    installments: input.installments.map((i) => ({ percent: formatPercent(i.percent), days: i.days })),
  };
  try {
    await tx.query('INSERT INTO payment_terms (company_id, id, name, installments) VALUES ($1, $2, $3, $4)', [
      companyId,
      terms.id,
      terms.name,
      JSON.stringify(terms.installments),
    ]);
  } catch (err) {
    if (pgErrorCode(err) === PgCode.uniqueViolation) {
      throw new AppError('ALREADY_EXISTS', `There are already payment terms called ${input.name}`, [
        { path: 'name', message: 'is already used' },
      ]);
    }
    throw err;
  }
  await appendAudit(tx, companyId, actor, {
    action: 'parties.payment_terms.created',
    entityType: 'payment_terms',
    entityId: terms.id,
    after: terms,
  });
  return terms;
}

/** One of the company's payment terms, if it exists. */
export async function findPaymentTerms(tx: Tx, companyId: string, id: string): Promise<PaymentTerms | undefined> {
  const [row] = await tx.query<PaymentTerms>('SELECT id, name, installments FROM payment_terms WHERE company_id = $1 AND id = $2', [
    companyId,
    id,
  ]);
  return row;
}

/** Gives a new company the standard terms (its set-up hook), in the creating transaction. */
export async function ensureDefaultPaymentTerms(tx: Tx, companyId: string, actor: Actor): Promise<void> {
  const [any] = await tx.query('SELECT 1 FROM payment_terms WHERE company_id = $1 LIMIT 1', [companyId]);
  if (any) return;
  for (const terms of DEFAULT_PAYMENT_TERMS) await insertTerms(tx, companyId, actor, validate(paymentTermsInput, terms));
}

export function createPaymentTerms(ctx: ServiceContext, raw: PaymentTermsInput): Promise<PaymentTerms> {
  const input = validate(paymentTermsInput, raw);
  return ctx.db.tenant(ctx.companyId, (tx) => insertTerms(tx, ctx.companyId, ctx.actor, input));
}

/** The company's payment terms, shortest first. */
export async function listPaymentTerms(ctx: ServiceContext): Promise<{ items: PaymentTerms[] }> {
  const rows = await ctx.db.tenant(ctx.companyId, (tx) =>
    tx.query<{ id: string; name: string; installments: PaymentTerms['installments'] }>(
      `SELECT id, name, installments FROM payment_terms WHERE company_id = $1
        ORDER BY (installments -> -1 ->> 'days')::int, jsonb_array_length(installments), name`,
      [ctx.companyId],
    ),
  );
  return { items: rows.map((r) => ({ id: r.id, name: r.name, installments: r.installments })) };
}
