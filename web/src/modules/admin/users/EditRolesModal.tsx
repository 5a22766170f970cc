import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api.ts';
import type { Member } from '../../../app/types.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { fieldErrors } from '../../../app/ui/field-errors.ts';
import { notifySuccess } from '../../../app/ui/notify.ts';
import { RoleSelect } from './RoleSelect.tsx';
import { updateUserRoles } from './users-api.ts';

/** Rendered only while a member is being edited, so its state starts fresh for each member. */
export function EditRolesModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>(member.roles);

  const mutation = useMutation({
    mutationFn: (next: string[]) => updateUserRoles(member, next),
    onSuccess: async (updated) => {
      notifySuccess(t('users.updatedNotice', { email: updated.email }));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(roles);
  };
  const conflict = isApiError(mutation.error, 'VERSION_CONFLICT');

  return (
    <Modal opened onClose={onClose} title={t('users.editRolesTitle', { name: member.name || member.email })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {conflict ? (
            <Alert color="orange" variant="light" role="alert" title={t('users.conflictTitle')}>
              {t('users.conflict')}
              <Group mt="sm">
                <Button size="xs" variant="default" onClick={() => void reload()}>
                  {t('common.reload')}
                </Button>
              </Group>
            </Alert>
          ) : (
            <ErrorAlert error={mutation.error} fields={['roles']} />
          )}
          <RoleSelect value={roles} onChange={setRoles} error={fieldErrors(mutation.error).roles} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={conflict}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
