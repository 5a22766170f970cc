import { z } from 'zod';
import { country, currency, locale, text, version } from '../http/schemas.ts';

export const companySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  legalName: z.string().nullable(),
  taxId: z.string().nullable(),
  address: z.string().nullable(),
  baseCurrency: z.string(),
  country: z.string(),
  fiscalYearStartMonth: z.number(),
  locale,
  version: z.number(),
  createdAt: z.date(),
});

export const myCompanySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  baseCurrency: z.string(),
  country: z.string(),
  roles: z.array(z.string()),
});

const optionalText = (max: number) => text(max).nullable().optional();

export const createCompanyBody = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, starting with a letter or digit'),
  name: text(200),
  legalName: optionalText(200),
  taxId: optionalText(40),
  address: optionalText(500),
  baseCurrency: currency,
  country,
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  locale: locale.default('en'),
  chart: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .describe('Chart of accounts template: generic (default), es-pgc, us-gaap or none'),
});

export const updateCompanyBody = z.strictObject({
  name: text(200).optional(),
  legalName: optionalText(200),
  taxId: optionalText(40),
  address: optionalText(500),
  baseCurrency: currency.optional(),
  country: country.optional(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
  locale: locale.optional(),
  version,
});
