import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.tsx';

/** The words of one import, already translated by the caller. */
export interface FileImportLabels {
  /** The file input's label, which is also its accessible name. */
  file: string;
  /** Shown in the empty file input, and as its error when the form is sent without a file. */
  placeholder: string;
  submit: string;
  empty: string;
  tooLarge: string;
}

export interface FileImportModalProps<Result> {
  /** For a modal kept mounted; leave out when the modal is mounted only while open. */
  opened?: boolean;
  onClose: () => void;
  title: string;
  help: ReactNode;
  /** The file input's `accept` (extensions and media types). */
  accept: string;
  /** The largest text, in characters, the API accepts: a larger file is refused before it is sent. */
  maxLength: number;
  labels: FileImportLabels;
  /** Sends the file's text (the File is there for its name); resolves with the API's result. */
  send: (content: string, file: File) => Promise<Result>;
  /** After a successful import: a notice, refreshing the queries the import changed. */
  onImported?: (result: Result) => Promise<void> | void;
  renderResult: (result: Result) => ReactNode;
  onFileChange?: (file: File | null) => void;
  /** Further fields of the form, below the file input. */
  children?: ReactNode;
}

/**
 * Picks a file, reads it in the browser and sends its text; shows the result, or the problem with every
 * line error the API lists. Imports are all or nothing on the server, so a refused file can be fixed and sent again.
 */
export function FileImportModal<Result>({
  opened = true,
  onClose,
  title,
  help,
  accept,
  maxLength,
  labels,
  send,
  onImported,
  renderResult,
  onFileChange,
  children,
}: FileImportModalProps<Result>) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: ({ content, picked }: { content: string; picked: File }) => send(content, picked),
    onSuccess: (result) => onImported?.(result),
  });

  function close() {
    setFile(null);
    setFileError(null);
    mutation.reset();
    onClose();
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    mutation.reset();
    if (!file) {
      setFileError(labels.placeholder);
      return;
    }
    const content = await file.text();
    if (content.trim() === '') {
      setFileError(labels.empty);
      return;
    }
    if (content.length > maxLength) {
      setFileError(labels.tooLarge);
      return;
    }
    setFileError(null);
    mutation.mutate({ content, picked: file });
  };

  return (
    <Modal opened={opened} onClose={close} title={title} size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">{help}</Text>
          <ErrorAlert error={mutation.error} />
          {mutation.data !== undefined && (
            <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
              {renderResult(mutation.data)}
            </Alert>
          )}
          <FileInput
            label={labels.file}
            placeholder={labels.placeholder}
            accept={accept}
            required
            clearable
            // Mantine's clear button has no text of its own: without a name, screen readers announce only "button".
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            value={file}
            onChange={(value) => {
              setFile(value);
              setFileError(null);
              mutation.reset();
              onFileChange?.(value);
            }}
            error={fileError}
            leftSection={<IconUpload size={16} aria-hidden />}
            data-autofocus
          />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {mutation.data !== undefined ? t('common.close') : t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!file}>
              {labels.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
