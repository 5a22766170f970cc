import { Badge, Button, Drawer, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArchive, IconPencil, IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../app/ui/ConfirmButton.tsx';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { notifySuccess } from '../../app/ui/notify.ts';
import { useProductLabels } from './product-labels.ts';
import { archiveProduct, type Product, productName, productQuery, restoreProduct, taxCodeLabel } from './products-api.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </Stack>
  );
}

interface ProductDrawerProps {
  productId: string;
  canWrite: boolean;
  onClose: () => void;
  onEdit: (product: Product) => void;
}

/** One product with all its fields; edit, archive or restore it. */
export function ProductDrawer({ productId, canWrite, onClose, onEdit }: ProductDrawerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const queryClient = useQueryClient();
  const query = useQuery(productQuery(productId));
  const labels = useProductLabels();
  const product = query.data;

  const afterChange = async (updated: Product, message: string) => {
    notifySuccess(message);
    queryClient.setQueryData(productQuery(updated.id).queryKey, updated);
    await queryClient.invalidateQueries({ queryKey: ['products'] });
  };

  const archive = useMutation({
    mutationFn: archiveProduct,
    onSuccess: (updated) => afterChange(updated, t('products.archivedNotice', { name: productName(updated, language) })),
  });
  const restore = useMutation({
    mutationFn: restoreProduct,
    onSuccess: (updated) => afterChange(updated, t('products.restoredNotice', { name: productName(updated, language) })),
  });

  const busy = archive.isPending || restore.isPending;
  const taxes = (ids: readonly string[]) =>
    ids.length === 0
      ? t('products.noTaxes')
      : ids
          .map((id) => {
            const code = labels.taxCode(id);
            return code ? taxCodeLabel(code, language) : id;
          })
          .join(', ');

  return (
    <Drawer opened onClose={onClose} title={product ? productName(product, language) : t('common.loading')} position="right" size="lg">
      <Stack>
        <ErrorAlert error={query.error ?? archive.error ?? restore.error} />
        {product && (
          <>
            <Group justify="space-between" align="flex-start">
              <Group gap="xs">
                {product.archivedAt && (
                  <Badge color="gray" variant="light">
                    {t('products.archived')}
                  </Badge>
                )}
              </Group>
              {canWrite && (
                <Group gap="xs">
                  {!product.archivedAt && (
                    <Button variant="default" size="xs" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => onEdit(product)}>
                      {t('products.edit')}
                    </Button>
                  )}
                  {product.archivedAt ? (
                    <Button
                      variant="default"
                      size="xs"
                      leftSection={<IconRestore size={14} aria-hidden />}
                      loading={restore.isPending}
                      disabled={busy}
                      onClick={() => restore.mutate(product)}
                    >
                      {t('products.restore')}
                    </Button>
                  ) : (
                    <ConfirmButton
                      variant="default"
                      color="red"
                      size="xs"
                      leftSection={<IconArchive size={14} aria-hidden />}
                      loading={archive.isPending}
                      disabled={busy}
                      title={t('products.archiveTitle', { name: productName(product, language) })}
                      message={t('products.archiveMessage')}
                      confirmLabel={t('products.archive')}
                      onConfirm={() => archive.mutate(product)}
                    >
                      {t('products.archive')}
                    </ConfirmButton>
                  )}
                </Group>
              )}
            </Group>

            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field label={t('products.fields.sku')}>{product.sku}</Field>
              <Field label={t('products.fields.kind')}>{t(`products.kinds.${product.kind}`, { defaultValue: product.kind })}</Field>
              <Field label={t('products.fields.name')}>{product.name}</Field>
              <Field label={t('products.fields.nameEs')}>{product.nameEs}</Field>
              <Field label={t('products.fields.unit')}>{labels.unitLabel(product.unit)}</Field>
              <Field label={t('products.fields.barcode')}>{product.barcode}</Field>
              <Field label={t('products.fields.salesPrice')}>{labels.price(product.salesPrice, product.currency)}</Field>
              <Field label={t('products.fields.purchasePrice')}>{labels.price(product.purchasePrice, product.currency)}</Field>
              <Field label={t('products.fields.salesTaxCodeIds')}>{taxes(product.salesTaxCodeIds)}</Field>
              <Field label={t('products.fields.purchaseTaxCodeIds')}>{taxes(product.purchaseTaxCodeIds)}</Field>
              <Field label={t('products.fields.incomeAccountId')}>{labels.account(product.incomeAccountId)}</Field>
              <Field label={t('products.fields.expenseAccountId')}>{labels.account(product.expenseAccountId)}</Field>
              <Field label={t('products.fields.currency')}>{product.currency}</Field>
            </SimpleGrid>
            {product.description && (
              <Field label={t('products.fields.description')}>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{product.description}</Text>
              </Field>
            )}
          </>
        )}
      </Stack>
    </Drawer>
  );
}
