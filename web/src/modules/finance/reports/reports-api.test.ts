import { describe, expect, it } from 'vitest';
import { exportUrl, type ReportFilters, reportQuery } from './reports-api.ts';

const filters: ReportFilters = {
  from: '2025-01-01',
  to: '2025-06-30',
  compare: true,
  compareFrom: '2024-01-01',
  compareTo: '2024-06-30',
  costCenter: ' CC1 ',
  project: '',
  department: '',
};

describe('report queries', () => {
  it('sends each report only the filters it understands', () => {
    expect(reportQuery('balance-sheet', filters)).toEqual({ at: '2025-06-30', compareAt: '2024-06-30' });
    expect(reportQuery('balance-sheet', { ...filters, compare: false })).toEqual({ at: '2025-06-30', compareAt: '' });
    expect(reportQuery('profit-and-loss', filters)).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
      compareFrom: '2024-01-01',
      compareTo: '2024-06-30',
      costCenter: 'CC1',
      project: '',
      department: '',
    });
    expect(reportQuery('cash-flow', filters)).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(reportQuery('general-ledger', filters, 'a')).toMatchObject({ accountId: 'a', costCenter: 'CC1' });
  });

  it('builds download links without empty filters, in the UI language', () => {
    expect(exportUrl('cash-flow', { from: '2025-01-01', to: '' }, 'pdf', 'es-ES')).toBe(
      '/api/v1/ledger/reports/cash-flow/export?from=2025-01-01&format=pdf&lang=es',
    );
    expect(exportUrl('trial-balance', {}, 'csv', 'en')).toBe('/api/v1/ledger/reports/trial-balance/export?format=csv&lang=en');
  });
});
