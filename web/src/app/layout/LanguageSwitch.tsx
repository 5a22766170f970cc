import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages } from '../i18n/index.ts';

/** English / Español; the choice is remembered in localStorage by the language detector. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('header.language')}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(event) => void i18n.changeLanguage(event.currentTarget.value)}
      data={languages.map((l) => ({ value: l.code, label: l.label }))}
      w={110}
    />
  );
}
