import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../app/ui/field-errors.ts';
import { notifySuccess } from '../../app/ui/notify.ts';
import { ACCOUNT_TYPES, type AccountType, createAccount } from './finance-api.ts';

const FIELDS = ['code', 'name', 'nameEs', 'type', 'subtype'] as const;

export function CreateAccountModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [nameEs, setNameEs] = useState('');
  const [type, setType] = useState<AccountType | null>(null);
  const [subtype, setSubtype] = useState('');

  const mutation = useMutation({
    mutationFn: createAccount,
    onSuccess: async (account) => {
      notifySuccess(t('finance.accounts.createdNotice', { code: account.code }));
      await queryClient.invalidateQueries({ queryKey: ['ledger', 'accounts'] });
      close();
    },
  });

  function close() {
    setCode('');
    setName('');
    setNameEs('');
    setType(null);
    setSubtype('');
    mutation.reset();
    onClose();
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({
      code: code.trim(),
      name: name.trim(),
      nameEs: nameEs.trim() || undefined,
      // An empty type is sent as such so the API names the missing field.
      type: (type ?? '') as AccountType,
      subtype: subtype.trim() || undefined,
    });
  };
  const errors = fieldErrors(mutation.error);

  return (
    <Modal opened={opened} onClose={close} title={t('finance.accounts.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error} fields={FIELDS} />
          <TextInput
            label={t('finance.accounts.code')}
            required
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errors.code}
            data-autofocus
          />
          <TextInput
            label={t('finance.accounts.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label={t('finance.accounts.nameEs')}
            value={nameEs}
            onChange={(e) => setNameEs(e.currentTarget.value)}
            error={errors.nameEs}
          />
          <Select
            label={t('finance.accounts.type')}
            required
            data={ACCOUNT_TYPES.map((value) => ({ value, label: t(`finance.types.${value}`) }))}
            value={type}
            onChange={(value) => setType(value as AccountType | null)}
            error={errors.type}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('finance.accounts.subtype')}
            description={t('finance.accounts.subtypeHint')}
            value={subtype}
            onChange={(e) => setSubtype(e.currentTarget.value)}
            error={errors.subtype}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('finance.accounts.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
