import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { formatDecimal } from '../finance/decimal.ts';
import { accountName, wholeChartQuery } from '../finance/finance-api.ts';
import { taxCodesQuery, unitsQuery } from './products-api.ts';

/**
 * How the products page names what a product refers to: units ("kilogram (KGM)"), prices with their currency,
 * default tax codes by code and ledger accounts. Tax codes and accounts are only read with the permission to.
 */
export function useProductLabels() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const units = useQuery(unitsQuery);
  const taxCodes = useQuery({ ...taxCodesQuery(null, 'include'), enabled: me.permissions.includes('taxes:read') });
  const chart = useQuery({ ...wholeChartQuery('include'), enabled: me.permissions.includes('ledger:read') });

  const unitName = (code: string) =>
    t(`products.units.${code}`, { defaultValue: units.data?.items.find((u) => u.code === code)?.name ?? code });
  return {
    unitName,
    /** "kilogram (KGM)": the name and the UN/ECE code e-invoices carry. */
    unitLabel: (code: string) => `${unitName(code)} (${code})`,
    /** "4.50 EUR", in the UI language's digits; empty when there is no price. */
    price: (value: string | null, currency: string) => (value === null ? '' : `${formatDecimal(value, language)} ${currency}`),
    taxCode: (id: string) => taxCodes.data?.items.find((c) => c.id === id),
    /** "IVA10, RE1.4": the codes of a list of tax code ids. */
    taxCodes: (ids: readonly string[]) =>
      ids.length > 0 && !taxCodes.data
        ? t('products.taxCodeCount', { count: ids.length })
        : ids.map((id) => taxCodes.data?.items.find((c) => c.id === id)?.code ?? id).join(', '),
    account: (id: string | null) => {
      if (!id) return '';
      const found = chart.data?.find((a) => a.id === id);
      return found ? `${found.code} — ${accountName(found, language)}` : id;
    },
  };
}
