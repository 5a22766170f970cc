import { Badge, Button, Group, Select, Stack, Switch, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ConfirmButton } from '../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { errorMessage } from '../../app/ui/field-errors.ts';
import { notifyError, notifySuccess } from '../../app/ui/notify.ts';
import { PagedListFooter } from '../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { CreateAccountModal } from './CreateAccountModal.tsx';
import {
  ACCOUNT_TYPES,
  type AccountType,
  accountName,
  accountsQuery,
  archiveAccount,
  chartExportUrl,
  type LedgerAccount,
} from './finance-api.ts';
import { ImportChartModal } from './ImportChartModal.tsx';

export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const canWrite = me.permissions.includes('ledger:write');
  const queryClient = useQueryClient();
  const [type, setType] = useState<AccountType | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [createOpened, createModal] = useDisclosure(false);
  const [importOpened, importModal] = useDisclosure(false);
  const accounts = useInfiniteQuery(accountsQuery(type, showArchived ? 'include' : 'exclude'));
  const language = i18n.resolvedLanguage ?? i18n.language;

  const archiveMutation = useMutation({
    mutationFn: archiveAccount,
    onSuccess: async (account) => {
      notifySuccess(t('finance.accounts.archivedNotice', { code: account.code }));
      await queryClient.invalidateQueries({ queryKey: ['ledger', 'accounts'] });
    },
    onError: (error) => notifyError(errorMessage(error, t)),
  });

  const rows: LedgerAccount[] = accounts.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('finance.accounts.title')}
        description={t('finance.accounts.description')}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={chartExportUrl}
              download="chart-of-accounts.csv"
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('finance.accounts.exportCsv')}
            </Button>
            {canWrite && (
              <>
                <Button variant="default" leftSection={<IconUpload size={16} aria-hidden />} onClick={importModal.open}>
                  {t('finance.accounts.importCsv')}
                </Button>
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
                  {t('finance.accounts.create')}
                </Button>
              </>
            )}
          </Group>
        }
      />
      <Stack>
        <Group align="flex-end">
          <Select
            label={t('finance.accounts.typeFilter')}
            placeholder={t('finance.accounts.allTypes')}
            data={ACCOUNT_TYPES.map((value) => ({ value, label: t(`finance.types.${value}`) }))}
            value={type}
            onChange={(value) => setType(value as AccountType | null)}
            clearable
            maw={260}
            comboboxProps={{ withinPortal: true }}
          />
          <Switch
            label={t('finance.accounts.showArchived')}
            checked={showArchived}
            onChange={(e) => setShowArchived(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <ErrorAlert error={accounts.error} />
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('finance.accounts.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('finance.accounts.code')}</Table.Th>
                <Table.Th scope="col">{t('finance.accounts.name')}</Table.Th>
                <Table.Th scope="col">{t('finance.accounts.type')}</Table.Th>
                <Table.Th scope="col">{t('finance.accounts.subtype')}</Table.Th>
                <Table.Th scope="col">{t('finance.accounts.status')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((account) => {
                const name = accountName(account, language);
                return (
                  <Table.Tr key={account.id}>
                    <Table.Td ff="monospace">{account.code}</Table.Td>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>{t(`finance.types.${account.type}`)}</Table.Td>
                    <Table.Td>{account.subtype ?? '—'}</Table.Td>
                    <Table.Td>
                      {account.archivedAt ? (
                        <Badge color="gray" variant="light">
                          {t('finance.accounts.archived')}
                        </Badge>
                      ) : (
                        <Badge color="green" variant="light">
                          {t('finance.accounts.active')}
                        </Badge>
                      )}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        {!account.archivedAt && (
                          <ConfirmButton
                            size="xs"
                            variant="default"
                            color="red"
                            disabled={archiveMutation.isPending}
                            aria-label={t('finance.accounts.archiveAccount', { code: account.code, name })}
                            title={t('finance.accounts.archiveTitle', { code: account.code })}
                            message={t('finance.accounts.archiveMessage', { code: account.code, name })}
                            confirmLabel={t('finance.accounts.archive')}
                            onConfirm={() => archiveMutation.mutate(account)}
                          >
                            {t('finance.accounts.archive')}
                          </ConfirmButton>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={accounts} count={rows.length} empty={t('finance.accounts.empty')} />
      </Stack>
      {canWrite && <CreateAccountModal opened={createOpened} onClose={createModal.close} />}
      {canWrite && <ImportChartModal opened={importOpened} onClose={importModal.close} />}
    </>
  );
}
