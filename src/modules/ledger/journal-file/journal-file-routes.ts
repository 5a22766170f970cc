import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCompany } from '../../../platform/companies/companies.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { contextOf } from '../../../platform/http/context.ts';
import { JournalError } from '../plain-text/parse-journal.ts';
import { commodityTrialBalance, commodityTrialBalanceQuery, commodityTrialBalanceRow } from './commodity-trial-balance.ts';
import { exportJournal } from './export-journal.ts';
import { importJournal, type JournalImportResult } from './import-journal.ts';
import { textSource } from './journal-source.ts';

const tags = ['ledger'];

/** A file name as the browser reports it: no folders, no control characters (it is echoed in `file:line:` errors). */
const plainFileName = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !/[/\\\u0000-\u001f\u007f]/.test(s) && s !== '.' && s !== '..', 'must be a plain file name, without folders');

export const importJournalInput = z.strictObject({
  content: z.string().min(1).max(1_000_000),
  fileName: plainFileName,
  format: z.enum(['journal', 'csv']),
  journalCode: z.string().trim().min(1).max(20).optional(),
});

export const journalImportResultSchema = z.object({
  file: z.string(),
  journalCode: z.string(),
  transactions: z.number().int(),
  entries: z.number().int(),
  lines: z.number().int(),
  skipped: z.number().int(),
  accountsCreated: z.number().int(),
  prices: z.number().int(),
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
}) satisfies z.ZodType<JournalImportResult>;

/**
 * 1,000,000 characters of non-ASCII text (accented account names) take up to 3 bytes each in UTF-8, more than
 * the app-wide 1 MiB body limit; this route alone accepts the larger body its schema allows.
 */
const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

/** The importer's `file:line: reason` as a field error on the uploaded content, so forms can show it. */
function asValidationError(e: JournalError): AppError {
  return new AppError('VALIDATION_FAILED', e.message, [{ path: 'content', message: `line ${e.line}: ${e.reason}` }]);
}

/**
 * The export as a stream: each chunk exportJournal writes goes straight to the response, and the exporter waits
 * for the client to drain when the buffer is full, so a big book is never one string in memory. A client that
 * goes away ends the export (and its read transaction) instead of leaving it waiting for a drain.
 */
export function streamJournal(ctx: ServiceContext, log: { error: (err: unknown) => void; info: (err: unknown) => void }): PassThrough {
  const out = new PassThrough();
  const write = (text: string): Promise<void> | undefined => {
    if (out.destroyed) throw new Error('journal export aborted: the response was closed');
    if (out.write(text)) return undefined;
    return new Promise<void>((resolve, reject) => {
      const drained = () => {
        out.off('close', closed);
        resolve();
      };
      const closed = () => {
        out.off('drain', drained);
        reject(new Error('journal export aborted: the response was closed'));
      };
      out.once('drain', drained);
      out.once('close', closed);
    });
  };
  exportJournal(ctx, write).then(
    () => out.end(),
    (err: unknown) => {
      // A client that left is no fault of the server's; anything else is.
      if (out.destroyed) {
        log.info(err);
        return;
      }
      log.error(err);
      // The status line is already sent: cutting the stream short is how the client learns the file is incomplete.
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    },
  );
  return out;
}

/** The plain-text journal (hledger format) in and out of the books, and the trial balance it is checked with. */
export async function journalFileRoutes(api: FastifyInstance): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/ledger/journal/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import a plain-text journal (hledger format) or a CSV of postings as posted entries, all or nothing; errors name their line',
        body: importJournalInput,
        response: { 200: journalImportResultSchema },
      },
      config: { access: 'ledger:write', idempotent: true },
    },
    async (request) => {
      const { content, fileName, format, journalCode } = request.body;
      try {
        return await importJournal(contextOf(request), textSource(content, fileName, format), journalCode ? { journalCode } : {});
      } catch (e) {
        if (e instanceof JournalError) throw asValidationError(e);
        throw e;
      }
    },
  );

  app.get(
    '/api/v1/ledger/journal/export',
    {
      schema: {
        tags,
        summary: 'The books as a plain-text journal (hledger format): accounts, market prices and every posted entry',
      },
      config: { access: 'ledger:read' },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const company = await ctx.db.tenant(ctx.companyId, (tx) => getCompany(tx, ctx.companyId));
      // Slugs are lowercase letters, digits and dashes, so the name needs no quoting beyond the quotes.
      const name = /^[a-z0-9-]+$/.test(company.slug) ? company.slug : 'books';
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.journal"`)
        .send(
          streamJournal(ctx, {
            error: (err) => request.log.error({ err }, 'journal export failed'),
            info: (err) => request.log.info({ err }, 'journal export stopped: the client went away'),
          }),
        );
    },
  );

  app.get(
    '/api/v1/ledger/reports/trial-balance-by-commodity',
    {
      schema: {
        tags,
        summary: 'Trial balance per account and commodity, in each commodity’s own units (as `hledger balance` shows it)',
        querystring: commodityTrialBalanceQuery,
        response: { 200: z.object({ rows: z.array(commodityTrialBalanceRow) }) },
      },
      config: { access: 'ledger:read' },
    },
    async (request) => ({ rows: await commodityTrialBalance(contextOf(request), request.query) }),
  );
}
