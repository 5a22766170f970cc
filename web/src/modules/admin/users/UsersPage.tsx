import { Badge, Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth.ts';
import type { Member } from '../../../app/types.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { errorMessage } from '../../../app/ui/field-errors.ts';
import { formatDate } from '../../../app/ui/format.ts';
import { notifyError, notifySuccess } from '../../../app/ui/notify.ts';
import { PagedListFooter } from '../../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../../app/ui/PageHeader.tsx';
import { CreateUserModal } from './CreateUserModal.tsx';
import { EditRolesModal } from './EditRolesModal.tsx';
import { setUserActive, usersQuery } from './users-api.ts';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const queryClient = useQueryClient();
  // ?q= comes from links such as global search results.
  const urlQuery = useSearch({ from: '/app/admin/users' }).q ?? '';
  const [search, setSearch] = useState(urlQuery);
  useEffect(() => setSearch(urlQuery), [urlQuery]);
  const [q] = useDebouncedValue(search.trim(), 300);
  const [createOpened, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const users = useInfiniteQuery(usersQuery(q));

  const activeMutation = useMutation({
    mutationFn: ({ member, active }: { member: Member; active: boolean }) => setUserActive(member, active),
    onSuccess: async (member) => {
      notifySuccess(t(member.active ? 'users.reactivatedNotice' : 'users.deactivatedNotice', { email: member.email }));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => notifyError(errorMessage(error, t)),
  });

  const members = users.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
            {t('users.create')}
          </Button>
        }
      />
      <Stack>
        <TextInput
          label={t('users.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maw={400}
        />
        <ErrorAlert error={users.error} />
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('users.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.name')}</Table.Th>
                <Table.Th scope="col">{t('users.email')}</Table.Th>
                <Table.Th scope="col">{t('users.roles')}</Table.Th>
                <Table.Th scope="col">{t('users.status')}</Table.Th>
                <Table.Th scope="col">{t('users.created')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>{member.name}</Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {member.roles.map((role) => (
                        <Badge key={role} variant="light" size="sm">
                          {t(`roles.${role}`, { defaultValue: role })}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={member.active ? 'green' : 'gray'} variant="light">
                      {member.active ? t('users.active') : t('users.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(member.createdAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(member)}
                        aria-label={t('users.editRolesOf', { email: member.email })}
                      >
                        {t('users.editRoles')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        color={member.active ? 'red' : undefined}
                        disabled={member.id === me.user.id || activeMutation.isPending}
                        onClick={() => activeMutation.mutate({ member, active: !member.active })}
                        aria-label={t(member.active ? 'users.deactivateUser' : 'users.reactivateUser', {
                          email: member.email,
                        })}
                      >
                        {member.active ? t('users.deactivate') : t('users.reactivate')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={users} count={members.length} empty={q ? t('users.noMatch') : t('users.empty')} />
      </Stack>
      <CreateUserModal opened={createOpened} onClose={createModal.close} />
      {editing && <EditRolesModal member={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
