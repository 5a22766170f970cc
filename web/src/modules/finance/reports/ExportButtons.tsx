import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../../app/api.ts';
import { EXPORT_FORMATS, type ExportableReport, exportUrl } from './reports-api.ts';

/** CSV, XLSX and PDF downloads of a report with the filters on screen, in the UI language. */
export function ExportButtons({ report, query }: { report: ExportableReport; query: Query }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (
    <Group gap="xs">
      {EXPORT_FORMATS.map((format) => (
        <Button
          key={format}
          component="a"
          href={exportUrl(report, query, format, language)}
          download
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} aria-hidden />}
        >
          {t('reports.download', { format: format.toUpperCase() })}
        </Button>
      ))}
    </Group>
  );
}
