import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { monthName } from '../../../app/ui/format.ts';

interface MonthSelectProps {
  label: string;
  value: number;
  onChange: (month: number) => void;
  error?: string;
}

/** Month 1–12, named in the current language. */
export function MonthSelect({ label, value, onChange, error }: MonthSelectProps) {
  useTranslation(); // re-render month names when the language changes
  return (
    <NativeSelect
      label={label}
      value={String(value)}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
      data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1) }))}
      error={error}
    />
  );
}
