import { Anchor, Badge, Button, Group, Select, Stack, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/auth.ts';
import { ErrorAlert } from '../../app/ui/ErrorAlert.tsx';
import { PagedListFooter } from '../../app/ui/PagedListFooter.tsx';
import { PageHeader } from '../../app/ui/PageHeader.tsx';
import { SearchInput } from '../../app/ui/SearchInput.tsx';
import { ProductDrawer } from './ProductDrawer.tsx';
import { ProductFormModal } from './ProductFormModal.tsx';
import { useProductLabels } from './product-labels.ts';
import { type ArchivedFilter, type Product, type ProductKind, productName, productsQuery } from './products-api.ts';

type Dialog = { kind: 'form'; editing: Product | null } | null;

export interface ProductsSearch {
  /** The product open in the drawer, so it can be linked to. */
  product?: string;
}

export function validateProductsSearch(search: Record<string, unknown>): ProductsSearch {
  return typeof search.product === 'string' && /^[0-9a-f-]{36}$/i.test(search.product) ? { product: search.product } : {};
}

type KindFilter = 'all' | ProductKind;

const KIND_FILTERS: KindFilter[] = ['all', 'stockable', 'consumable', 'service'];
const ARCHIVED_FILTERS: ArchivedFilter[] = ['exclude', 'only', 'include'];

/** Products and services: search (a scanned barcode too) and filter the catalogue, open one, create and edit them. */
export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const me = useSession();
  const canWrite = me.permissions.includes('products:write');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [archived, setArchived] = useState<ArchivedFilter>('exclude');
  const [debouncedQ, , debounce] = useDebouncedValue(q, 300);
  const [dialog, setDialog] = useState<Dialog>(null);
  const openId = useSearch({ from: '/app/products' }).product ?? null;
  const navigate = useNavigate({ from: '/products' });
  const open = (id: string | null) => void navigate({ search: id ? { product: id } : {} });
  const products = useInfiniteQuery(productsQuery({ q: debouncedQ, kind: kind === 'all' ? null : kind, archived }));
  const labels = useProductLabels();
  const rows = products.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = debouncedQ.trim() !== '' || kind !== 'all' || archived !== 'exclude';

  return (
    <>
      <PageHeader
        title={t('products.title')}
        description={t('products.description')}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'form', editing: null })}>
              {t('products.create')}
            </Button>
          )
        }
      />
      <Stack>
        <Group align="flex-end">
          <SearchInput
            label={t('products.search')}
            placeholder={t('products.searchPlaceholder')}
            value={q}
            onChange={setQ}
            // A barcode scanner types the code and presses Enter: search at once.
            onEnter={() => debounce.flush()}
          />
          <Select
            label={t('products.kindFilter')}
            data={KIND_FILTERS.map((value) => ({ value, label: t(`products.kindFilters.${value}`) }))}
            value={kind}
            onChange={(value) => setKind((value ?? 'all') as KindFilter)}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('products.archivedFilter')}
            data={ARCHIVED_FILTERS.map((value) => ({ value, label: t(`products.archivedFilters.${value}`) }))}
            value={archived}
            onChange={(value) => setArchived((value ?? 'exclude') as ArchivedFilter)}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <ErrorAlert error={products.error} />
        <Table.ScrollContainer minWidth={980}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('products.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('products.fields.sku')}</Table.Th>
                <Table.Th scope="col">{t('products.fields.name')}</Table.Th>
                <Table.Th scope="col">{t('products.fields.kind')}</Table.Th>
                <Table.Th scope="col">{t('products.fields.unit')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('products.fields.salesPrice')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('products.fields.purchasePrice')}
                </Table.Th>
                <Table.Th scope="col">{t('products.fields.salesTaxCodeIds')}</Table.Th>
                <Table.Th scope="col">{t('products.fields.barcode')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((product) => (
                <Table.Tr key={product.id} onClick={() => open(product.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {product.sku}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor
                        component="button"
                        type="button"
                        ta="left"
                        onClick={(event) => {
                          event.stopPropagation();
                          open(product.id);
                        }}
                      >
                        {productName(product, language)}
                      </Anchor>
                      {product.archivedAt && (
                        <Badge color="gray" variant="light" style={{ flexShrink: 0 }}>
                          {t('products.archived')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`products.kinds.${product.kind}`, { defaultValue: product.kind })}</Table.Td>
                  <Table.Td>{labels.unitName(product.unit)}</Table.Td>
                  <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {labels.price(product.salesPrice, product.currency)}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {labels.price(product.purchasePrice, product.currency)}
                  </Table.Td>
                  <Table.Td>{labels.taxCodes(product.salesTaxCodeIds)}</Table.Td>
                  <Table.Td ff="monospace">{product.barcode ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <PagedListFooter query={products} count={rows.length} empty={filtered ? t('products.noMatches') : t('products.empty')} />
      </Stack>
      {openId && dialog?.kind !== 'form' && (
        <ProductDrawer
          key={openId}
          productId={openId}
          canWrite={canWrite}
          onClose={() => open(null)}
          onEdit={(product) => setDialog({ kind: 'form', editing: product })}
        />
      )}
      {dialog?.kind === 'form' && (
        <ProductFormModal editing={dialog.editing} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      )}
    </>
  );
}
