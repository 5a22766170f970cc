import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { switchCompany, useSession } from '../../../app/auth.ts';
import { ErrorAlert } from '../../../app/ui/ErrorAlert.tsx';
import { errorMessage } from '../../../app/ui/field-errors.ts';
import { notifyError, notifySuccess } from '../../../app/ui/notify.ts';
import { PageHeader } from '../../../app/ui/PageHeader.tsx';
import { CreateCompanyForm } from './CreateCompanyForm.tsx';
import { companiesQuery } from './companies-api.ts';

export function CompaniesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const companies = useQuery(companiesQuery);
  const switcher = useMutation({
    mutationFn: switchCompany,
    onSuccess: (next) => notifySuccess(t('header.switchedTo', { name: next.company.name })),
    onError: (error) => notifyError(errorMessage(error, t)),
  });
  const items = companies.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('companies.title')} description={t('companies.description')} />
      <Stack>
        <ErrorAlert error={companies.error} />
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Caption>{t('companies.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('companies.name')}</Table.Th>
                <Table.Th scope="col">{t('companies.slug')}</Table.Th>
                <Table.Th scope="col">{t('company.baseCurrency')}</Table.Th>
                <Table.Th scope="col">{t('company.country')}</Table.Th>
                <Table.Th scope="col">{t('companies.yourRoles')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((company) => (
                <Table.Tr key={company.id}>
                  <Table.Td>{company.name}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {company.slug}
                    </Text>
                  </Table.Td>
                  <Table.Td>{company.baseCurrency ?? '—'}</Table.Td>
                  <Table.Td>{company.country ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {company.roles.map((role) => (
                        <Badge key={role} variant="light" size="sm">
                          {t(`roles.${role}`, { defaultValue: role })}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {company.id === me.company.id ? (
                      <Badge color="green" variant="light">
                        {t('companies.current')}
                      </Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="default"
                        loading={switcher.isPending && switcher.variables === company.id}
                        onClick={() => switcher.mutate(company.id)}
                        aria-label={t('companies.switchTo', { name: company.name })}
                      >
                        {t('companies.switch')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {companies.isPending && <Text>{t('common.loading')}</Text>}
        <CreateCompanyForm />
      </Stack>
    </>
  );
}
