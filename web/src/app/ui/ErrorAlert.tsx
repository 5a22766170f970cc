import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, otherFieldErrors } from './field-errors.ts';

interface ErrorAlertProps {
  error: unknown;
  /** Fields that show their own errors; any other field error is listed here. */
  fields?: readonly string[];
}

/** The general error of a form or page: the problem's message and any field errors without a field. */
export function ErrorAlert({ error, fields = [] }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const others = otherFieldErrors(error, fields);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('common.error')} role="alert">
      {errorMessage(error, t)}
      {others.length > 0 && (
        <List size="sm" mt="xs">
          {others.map((item) => (
            <List.Item key={`${item.path}:${item.message}`}>
              {item.path ? `${item.path}: ` : ''}
              {item.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
