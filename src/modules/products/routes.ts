import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/context.ts';
import { idParams, page } from '../../platform/http/schemas.ts';
import { listProducts, listProductsQuery } from './list-products.ts';
import { productSchema } from './product-model.ts';
import { createProduct, createProductInput, getProduct, setProductArchived, updateProduct, updateProductInput } from './save-product.ts';
import { UNITS } from './units.ts';

const tags = ['products'];

export async function productsRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/products',
    {
      schema: {
        tags,
        summary: 'The catalogue in name order; q matches SKU, names and barcode',
        querystring: listProductsQuery,
        response: { 200: page(productSchema) },
      },
      config: { access: 'products:read' },
    },
    async (request) => listProducts(contextOf(request), request.query),
  );

  app.post(
    '/api/v1/products',
    {
      schema: { tags, summary: 'Add a product or service', body: createProductInput, response: { 201: productSchema } },
      config: { access: 'products:write', idempotent: true },
    },
    async (request, reply) => reply.status(201).send(await createProduct(contextOf(request), request.body)),
  );

  app.get(
    '/api/v1/products/units',
    {
      schema: {
        tags,
        summary: 'Units of measure (UN/ECE Recommendation 20 codes)',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }) },
      },
      config: { access: 'products:read' },
    },
    async () => ({ items: Object.entries(UNITS).map(([code, name]) => ({ code, name })) }),
  );

  app.get(
    '/api/v1/products/:id',
    { schema: { tags, summary: 'One product', params: idParams, response: { 200: productSchema } }, config: { access: 'products:read' } },
    async (request) => getProduct(contextOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/products/:id',
    {
      schema: {
        tags,
        summary: 'Change a product (give its version)',
        params: idParams,
        body: updateProductInput,
        response: { 200: productSchema },
      },
      config: { access: 'products:write' },
    },
    async (request) => updateProduct(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/products/:id/archive',
    {
      schema: { tags, summary: 'Archive a product', params: idParams, response: { 200: productSchema } },
      config: { access: 'products:write' },
    },
    async (request) => setProductArchived(contextOf(request), request.params.id, true),
  );

  app.post(
    '/api/v1/products/:id/restore',
    {
      schema: { tags, summary: 'Restore an archived product', params: idParams, response: { 200: productSchema } },
      config: { access: 'products:write' },
    },
    async (request) => setProductArchived(contextOf(request), request.params.id, false),
  );
}
