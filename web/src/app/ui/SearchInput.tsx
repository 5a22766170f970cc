import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

interface SearchInputProps {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** Search at once, without waiting for the debounce: what a barcode scanner's Enter needs. */
  onEnter?: () => void;
  maxLength?: number;
}

/** The search box above a list: the page debounces what is typed; Enter may search at once. */
export function SearchInput({ label, placeholder, value, onChange, onEnter, maxLength = 100 }: SearchInputProps) {
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onEnter?.();
      }}
      maxLength={maxLength}
      w={320}
    />
  );
}
