import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { Company } from '../../../app/types.ts';

export const currentCompanyQuery = queryOptions({
  queryKey: ['companies', 'current'],
  queryFn: () => api.get<Company>('/companies/current'),
});

export type CompanyChanges = Partial<Omit<Company, 'id' | 'slug' | 'version'>> & { version: number };

export const updateCurrentCompany = (changes: CompanyChanges) => api.patch<Company>('/companies/current', changes);
