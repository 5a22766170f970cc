import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/actor.ts';
import { createCompany } from '../../platform/companies/companies.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { describeEachEngine } from '../../platform/testing/engines.ts';
import { count, type Session, seedCompany, signIn, testApp } from '../../platform/testing/http.ts';
import { applyChartTemplate, archiveAccount, CHART_TEMPLATES, createAccount, exportChartCsv, importChartCsv } from './index.ts';

const HEADER = 'code,name,name_es,type,subtype,parent_code,archived';
let serial = 0;

async function emptyCompany(db: Database): Promise<ServiceContext> {
  const company = await createCompany(
    db,
    SYSTEM_ACTOR,
    {
      slug: `csv-${Date.now().toString(36)}${(serial++).toString(36)}`,
      name: 'CSV',
      baseCurrency: 'EUR',
      country: 'ES',
      fiscalYearStartMonth: 1,
      locale: 'en',
      chart: 'none',
    },
    null,
  );
  return { db, companyId: company.id, actor: SYSTEM_ACTOR };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('VALIDATION_FAILED');
  return err as AppError;
}

describeEachEngine('chart of accounts CSV', (use) => {
  let db: Database;
  let app: FastifyInstance;
  let session: Session;

  beforeAll(async () => {
    db = use();
    app = await testApp(db);
    const seeded = await seedCompany(db);
    await db.tenant(seeded.company.id, (tx) => applyChartTemplate(tx, seeded.company.id, 'generic'));
    session = await signIn(app, seeded.user.email);
  });
  afterAll(async () => {
    await app?.close();
  });

  const accounts = (ctx: ServiceContext) => count(db, 'accounts', 'company_id = $1', [ctx.companyId]);

  it('round-trips the generic chart, archived accounts and parents included, and a re-import changes nothing', async () => {
    const source = await emptyCompany(db);
    const generic = CHART_TEMPLATES.generic;
    const seeded = await db.tenant(source.companyId, (tx) => applyChartTemplate(tx, source.companyId, 'generic'));
    expect(seeded.accounts).toBe(generic.length);
    const extra = await createAccount(source, { code: '1210', name: 'Old bank', type: 'asset', subtype: 'bank' });
    await archiveAccount(source, extra.id);

    const csv = await exportChartCsv(source);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(generic.length + 2);
    expect(lines).toContain('1100,Cash,Caja,asset,cash,1000,false');
    expect(lines).toContain('1210,Old bank,,asset,bank,,true');
    expect(lines.find((l) => l.startsWith('1700,'))).toBe(
      '1700,"Property, plant and equipment",Inmovilizado material,asset,fixed_asset,1000,false',
    );

    const target = await emptyCompany(db);
    expect(await importChartCsv(target, csv)).toEqual({ created: generic.length + 1, unchanged: 0 });
    expect(await exportChartCsv(target)).toBe(csv);
    const [audit] = await db.tenant(target.companyId, (tx) =>
      tx.query<{ after: unknown }>("SELECT after FROM audit_events WHERE company_id = $1 AND action = 'ledger.chart.imported'", [
        target.companyId,
      ]),
    );
    expect(audit?.after).toEqual({ created: generic.length + 1, unchanged: 0 });

    expect(await importChartCsv(target, csv)).toEqual({ created: 0, unchanged: generic.length + 1 });
    expect(await exportChartCsv(target)).toBe(csv);
  });

  it('keeps quotes, commas and line breaks in names, and reads CRLF files without the archived column', async () => {
    const ctx = await emptyCompany(db);
    const csv = [
      'code,name,name_es,type,subtype,parent_code',
      '7000,"Sales ""online"", web & app","Ventas, ""en línea""",income,revenue,',
      '7100,"Two',
      'lines",,income,,7000',
      '7200,Plain,,income,,7100',
    ].join('\r\n');
    expect(await importChartCsv(ctx, csv)).toEqual({ created: 3, unchanged: 0 });
    const out = await exportChartCsv(ctx);
    expect(out).toBe(
      [
        HEADER,
        '7000,"Sales ""online"", web & app","Ventas, ""en línea""",income,revenue,,false',
        '7100,"Two\nlines",,income,,7000,false',
        '7200,Plain,,income,,7100,false',
        '',
      ].join('\n'),
    );
    const again = await emptyCompany(db);
    await importChartCsv(again, out);
    expect(await exportChartCsv(again)).toBe(out);
  });

  it('refuses a file with errors as a whole, naming every line and column, and writes nothing', async () => {
    const ctx = await emptyCompany(db);
    await createAccount(ctx, { code: '1000', name: 'Assets', type: 'asset' });
    const before = await accounts(ctx);
    const audits = await count(db, 'audit_events', 'company_id = $1', [ctx.companyId]);
    const csv = [
      HEADER,
      '1100,Cash,Caja,asset,cash,1000,false',
      '1200,Bank,Bancos,assets,bank,1000,false',
      '1300,Receivables,,asset,receivable,1000,false',
      '1400,Tax,,asset,tax,9999,false',
    ].join('\n');
    const err = await refusal(importChartCsv(ctx, csv));
    expect(err.errors).toEqual([
      { path: 'line 3: type', message: 'must be one of asset, liability, equity, income, expense' },
      { path: 'line 5: parent_code', message: 'is not an account of the file or of the chart: 9999' },
    ]);
    expect(await accounts(ctx)).toBe(before);
    expect(await count(db, 'audit_events', 'company_id = $1', [ctx.companyId])).toBe(audits);

    const other = await refusal(
      importChartCsv(
        ctx,
        [
          HEADER,
          '1000,Assets,,liability,,,',
          'x y,Bad code,,asset,,,',
          '2000,,,liability,BAD,,maybe',
          '2000,Dup,,liability,,,',
          '3000,Equity,,equity,,2000,',
          '4000,A,,income,,4100,',
          '4100,B,,income,,4000,',
          '5000,"unclosed',
        ].join('\n'),
      ),
    );
    expect(other.errors.map((e) => e.path)).toEqual(['line 9: csv']);
    const rows = await refusal(
      importChartCsv(
        ctx,
        [
          HEADER,
          '1000,Assets,,liability,,,',
          'x y,Bad code,,asset,,,',
          '2000,,,liability,BAD,,maybe',
          '2000,Dup,,liability,,,',
          '3000,Equity,,equity,,2000,',
          '4000,A,,income,,4100,',
          '4100,B,,income,,4000,',
          '5000,Short',
        ].join('\n'),
      ),
    );
    expect(rows.errors.map((e) => e.path)).toEqual([
      'line 2: type',
      'line 3: code',
      'line 4: name',
      'line 4: subtype',
      'line 4: archived',
      'line 5: code',
      'line 6: parent_code',
      'line 8: parent_code',
      'line 9: csv',
    ]);
    expect(await accounts(ctx)).toBe(before);

    const header = await refusal(importChartCsv(ctx, 'code,name,kind\n1,A,asset\n'));
    expect(header.errors).toEqual([
      { path: 'line 1: kind', message: 'is not a known column' },
      { path: 'line 1: name_es', message: 'is missing from the header' },
      { path: 'line 1: type', message: 'is missing from the header' },
      { path: 'line 1: subtype', message: 'is missing from the header' },
      { path: 'line 1: parent_code', message: 'is missing from the header' },
    ]);
    expect((await refusal(importChartCsv(ctx, '\n\n'))).errors[0]?.path).toBe('line 1: csv');
  });

  it('exports CSV and imports it over the API', async () => {
    const exported = await app.inject({ method: 'GET', url: '/api/v1/ledger/accounts/export.csv', headers: { cookie: session.cookie } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="chart-of-accounts.csv"');
    expect(exported.body.split('\n')[0]).toBe(HEADER);
    expect(exported.body).toContain('\n1000,Assets,Activo,asset,,,false\n');

    const url = '/api/v1/ledger/accounts/import';
    const same = await app.inject({ method: 'POST', url, headers: session.headers, payload: { csv: exported.body } });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toEqual({ created: 0, unchanged: exported.body.trimEnd().split('\n').length - 1 });

    const added = await app.inject({
      method: 'POST',
      url,
      headers: { ...session.headers, 'idempotency-key': 'csv-import-1' },
      payload: { csv: `${HEADER}\n1250,"Bank, second",,asset,bank,1000,\n` },
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ created: 1, unchanged: 0 });

    const bad = await app.inject({ method: 'POST', url, headers: session.headers, payload: { csv: `${HEADER}\n1260,X,,nope,,,\n` } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().errors).toEqual([{ path: 'line 2: type', message: 'must be one of asset, liability, equity, income, expense' }]);
    const empty = await app.inject({ method: 'POST', url, headers: session.headers, payload: { csv: '' } });
    expect(empty.statusCode).toBe(400);
    const extra = await app.inject({ method: 'POST', url, headers: session.headers, payload: { csv: HEADER, more: 1 } });
    expect(extra.statusCode).toBe(400);
  });
});
