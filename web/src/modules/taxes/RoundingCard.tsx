import { Card, Group, Radio, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { notifySuccess } from '../../app/ui/notify.ts';
import { ROUNDINGS, type Rounding, setTaxSettings, taxSettingsQuery } from './taxes-api.ts';

/** How the company rounds taxes: once per tax on the whole document (the default) or on every line. */
export function RoundingCard({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery(taxSettingsQuery);

  const mutation = useMutation({
    // The version read is sent, so a change made meanwhile by someone else is not overwritten.
    mutationFn: (rounding: Rounding) => setTaxSettings({ rounding, version: settings.data?.version ?? 0 }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(taxSettingsQuery.queryKey, saved);
      notifySuccess(t('taxes.rounding.savedNotice', { rounding: t(`taxes.rounding.options.${saved.rounding}`) }));
      // Computed taxes depend on the rounding.
      await queryClient.invalidateQueries({ queryKey: ['taxes', 'compute'] });
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: taxSettingsQuery.queryKey });
    },
  });

  const value = mutation.isPending ? mutation.variables : settings.data?.rounding;

  return (
    <Card withBorder padding="lg">
      <Stack>
        <ErrorAlert error={settings.error ?? mutation.error} />
        <Radio.Group
          label={t('taxes.rounding.label')}
          description={t('taxes.rounding.description')}
          value={value ?? null}
          onChange={(next) => {
            if (next !== settings.data?.rounding) mutation.mutate(next as Rounding);
          }}
        >
          <Group mt="xs" align="flex-start">
            {ROUNDINGS.map((rounding) => (
              <Radio
                key={rounding}
                value={rounding}
                label={t(`taxes.rounding.options.${rounding}`)}
                description={t(`taxes.rounding.hints.${rounding}`)}
                disabled={!canWrite || !settings.data || mutation.isPending}
                maw={360}
              />
            ))}
          </Group>
        </Radio.Group>
        {!canWrite && (
          <Text size="sm" c="dimmed">
            {t('taxes.rounding.readOnly')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
