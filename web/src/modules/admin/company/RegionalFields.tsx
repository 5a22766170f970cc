import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LocaleSelect } from './LocaleSelect.tsx';
import { MonthSelect } from './MonthSelect.tsx';

export interface RegionalValues {
  baseCurrency: string;
  country: string;
  month: number;
  locale: string;
}

interface Props {
  values: RegionalValues;
  onChange: (next: Partial<RegionalValues>) => void;
  errors: Record<string, string | undefined>;
}

/** Base currency, country, fiscal year start and language: the settings a company is created and edited with. */
export function RegionalFields({ values, onChange, errors }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('company.baseCurrency')}
        description={t('company.baseCurrencyHint')}
        required
        maxLength={3}
        value={values.baseCurrency}
        onChange={(e) => onChange({ baseCurrency: e.currentTarget.value })}
        error={errors.baseCurrency}
      />
      <TextInput
        label={t('company.country')}
        description={t('company.countryHint')}
        required
        maxLength={2}
        value={values.country}
        onChange={(e) => onChange({ country: e.currentTarget.value })}
        error={errors.country}
      />
      <MonthSelect
        label={t('company.fiscalYearStartMonth')}
        value={values.month}
        onChange={(month) => onChange({ month })}
        error={errors.fiscalYearStartMonth}
      />
      <LocaleSelect label={t('company.locale')} value={values.locale} onChange={(locale) => onChange({ locale })} error={errors.locale} />
    </>
  );
}

/** The API fields for these values, normalised as the server expects them. */
export function regionalPayload(values: RegionalValues) {
  return {
    baseCurrency: values.baseCurrency.trim().toUpperCase(),
    country: values.country.trim().toUpperCase(),
    fiscalYearStartMonth: values.month,
    locale: values.locale,
  };
}
