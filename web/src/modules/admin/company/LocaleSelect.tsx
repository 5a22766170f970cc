import { NativeSelect } from '@mantine/core';
import { languages } from '../../../app/i18n/index.ts';

interface LocaleSelectProps {
  label: string;
  value: string;
  onChange: (locale: string) => void;
  error?: string;
}

export function LocaleSelect({ label, value, onChange, error }: LocaleSelectProps) {
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={languages.map((l) => ({ value: l.code, label: l.label }))}
      error={error}
    />
  );
}
