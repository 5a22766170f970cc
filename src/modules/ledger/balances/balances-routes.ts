import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../../platform/http/context.ts';
import { balanceCheckSchema, checkLedgerBalances } from './check-balances.ts';

const tags = ['ledger'];

export async function balancesRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/ledger/balances/check',
    {
      schema: {
        tags,
        summary: 'Recompute the stored account-month balances from the posted lines and list any difference',
        response: { 200: balanceCheckSchema },
      },
      config: { access: 'ledger:read' },
    },
    async (request) => checkLedgerBalances(contextOf(request)),
  );
}
