import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { SessionsCard } from './SessionsCard.tsx';
import { TwoFactorCard } from './TwoFactorCard.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description', { email: me.user.email })} />
      <Stack>
        <ChangePasswordCard />
        <TwoFactorCard />
        <SessionsCard />
      </Stack>
    </>
  );
}
