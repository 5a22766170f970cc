import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { Company, CompanySummary, Items } from '../../../app/types.ts';

export const companiesQuery = queryOptions({
  queryKey: ['companies', 'mine'],
  queryFn: () => api.get<Items<CompanySummary>>('/companies'),
});

export interface NewCompany {
  slug: string;
  name: string;
  baseCurrency: string;
  country: string;
  fiscalYearStartMonth: number;
  locale: string;
}

export const createCompany = (input: NewCompany) => api.create<Company>('/companies', input);
