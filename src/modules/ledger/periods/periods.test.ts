import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, SYSTEM_ACTOR } from '../../../platform/audit/actor.ts';
import { verifyAuditChain } from '../../../platform/audit/verify.ts';
import type { ServiceContext } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { describeEachEngine } from '../../../platform/testing/engines.ts';
import { addUser, count, seedCompany } from '../../../platform/testing/http.ts';
import {
  applyChartTemplate,
  archiveAccount,
  closeFiscalYear,
  createAccount,
  createDraftEntry,
  getEntry,
  getLockDates,
  importJournal,
  listAccounts,
  listFiscalYears,
  postDraftEntry,
  postEntry,
  postNewEntry,
  previewClosing,
  reopenFiscalYear,
  reverseEntry,
  setLockDate,
  setLockDates,
  textSource,
  trialBalance,
} from '../index.ts';

const entry = (date: string, debitCode: string, creditCode: string, value: string) => ({
  journalCode: 'GEN',
  date,
  memo: `${debitCode}/${creditCode} ${value}`,
  lines: [
    { accountCode: debitCode, debit: value },
    { accountCode: creditCode, credit: value },
  ],
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Everything a refused operation must leave untouched. */
async function footprint(db: Database, companyId: string) {
  const where = 'company_id = $1';
  return {
    entries: await count(db, 'journal_entries', where, [companyId]),
    audit: await count(db, 'audit_events', where, [companyId]),
    years: await db.query('SELECT year, status, closing_entry_id FROM fiscal_years WHERE company_id = $1 ORDER BY year', [companyId]),
    settings: await db.query('SELECT lock_date::text, period_lock_date::text, version FROM ledger_settings WHERE company_id = $1', [
      companyId,
    ]),
  };
}

async function newBooks(db: Database): Promise<{ admin: ServiceContext; clerk: ServiceContext }> {
  const { company } = await seedCompany(db);
  await db.tenant(company.id, (tx) => applyChartTemplate(tx, company.id, 'generic'));
  const clerk = await addUser(db, company.id, ['accountant']);
  const clerkActor: Actor = { userId: clerk.id, label: clerk.email };
  return { admin: { db, companyId: company.id, actor: SYSTEM_ACTOR }, clerk: { db, companyId: company.id, actor: clerkActor } };
}

/** Balances (debit minus credit) per account code over a date range, all entries included. */
async function balances(ctx: ServiceContext, from?: string, to?: string): Promise<Map<string, string>> {
  const tb = await trialBalance(ctx, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  return new Map(tb.rows.map((r) => [r.code, r.balance]));
}

describeEachEngine('fiscal years and lock dates', (use, engine) => {
  let admin: ServiceContext;
  let clerk: ServiceContext;

  beforeAll(async () => {
    ({ admin, clerk } = await newBooks(use()));
    await postNewEntry(admin, entry('2024-03-10', '1200', '4100', '1000.00'));
    await postNewEntry(admin, entry('2024-05-20', '6300', '1200', '300.25'));
    await postNewEntry(admin, entry('2024-12-31', '1300', '4200', '0.25'));
    await postNewEntry(admin, entry('2025-01-15', '1200', '4100', '50.00'));
  });

  describe('closing a year', () => {
    it('previews the closing lines without writing anything', async () => {
      const before = await footprint(admin.db, admin.companyId);
      const preview = await previewClosing(admin, 2024);
      expect(preview).toMatchObject({
        year: 2024,
        date: '2024-12-31',
        journalCode: 'OPE',
        result: '700.00',
        retainedEarnings: { code: '3200' },
      });
      expect(preview.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
        ['4100', '1000.00', '0.00'],
        ['4200', '0.25', '0.00'],
        ['6300', '0.00', '300.25'],
        ['3200', '0.00', '700.00'],
      ]);
      expect(await footprint(admin.db, admin.companyId)).toEqual(before);
    });

    it('refuses a non-admin with nothing written', async () => {
      const before = await footprint(admin.db, admin.companyId);
      expect((await refusal(closeFiscalYear(clerk, 2024))).code).toBe('FORBIDDEN');
      expect(await footprint(admin.db, admin.companyId)).toEqual(before);
    });

    it('posts one closing entry to retained earnings, marks the year closed, locks it and opens the next', async () => {
      const closed = await closeFiscalYear(admin, 2024);
      expect(closed).toMatchObject({
        year: 2024,
        status: 'closed',
        result: '700.00',
        closedBy: 'system',
        startDate: '2024-01-01',
        endDate: '2024-12-31',
      });
      expect(closed.periods.map((p) => p.lock)).toEqual(Array(12).fill('everyone'));
      const closing = await getEntry(admin, closed.closingEntryId as string);
      expect(closing).toMatchObject({
        purpose: 'closing',
        journalCode: 'OPE',
        date: '2024-12-31',
        fiscalYear: 2024,
        totalDebit: '1000.25',
      });

      const year = await balances(admin, '2024-01-01', '2024-12-31');
      for (const code of ['4100', '4200', '6300']) expect(year.get(code)).toBe('0.00');
      expect(year.get('3200')).toBe('-700.00');
      // Balance-sheet accounts are untouched: they carry into 2025 by themselves.
      const all = await balances(admin);
      expect(all.get('1200')).toBe('749.75');
      expect(all.get('1300')).toBe('0.25');

      expect(await getLockDates(admin)).toEqual({ lockDate: '2024-12-31', periodLockDate: null });
      const years = await listFiscalYears(admin);
      expect(years.find((y) => y.year === 2025)).toMatchObject({ status: 'open', result: '50.00' });
      expect(years.find((y) => y.year === 2024)).toMatchObject({ status: 'closed', result: '700.00' });
      const [row] = await admin.db.query<{ status: string }>('SELECT status FROM fiscal_years WHERE company_id = $1 AND year = 2025', [
        admin.companyId,
      ]);
      expect(row?.status).toBe('open');
      const actions = await admin.db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE company_id = $1 AND action LIKE 'ledger.fiscal_year.%' ORDER BY seq`,
        [admin.companyId],
      );
      expect(actions.map((a) => a.action)).toEqual(['ledger.fiscal_year.closed', 'ledger.fiscal_year.opened']);
      expect(await verifyAuditChain(admin.db, admin.companyId)).toMatchObject({ ok: true });
    });

    it('refuses posting into the closed year, even for an admin, with a field error on date', async () => {
      const before = await footprint(admin.db, admin.companyId);
      const err = await refusal(postNewEntry(admin, entry('2024-06-01', '1200', '4100', '1.00')));
      expect(err.code).toBe('INVALID_STATE');
      expect(err.errors).toEqual([{ path: 'date', message: 'must be after the lock date 2024-12-31' }]);
      expect(await footprint(admin.db, admin.companyId)).toEqual(before);
    });

    it('refuses closing twice, and moving the hard lock back into the closed year, with nothing written', async () => {
      const before = await footprint(admin.db, admin.companyId);
      const twice = await refusal(closeFiscalYear(admin, 2024));
      expect(twice).toMatchObject({ code: 'INVALID_STATE', message: 'Fiscal year 2024 is already closed' });
      const back = await refusal(setLockDate(admin, { lockDate: '2024-06-30' }));
      expect(back.code).toBe('INVALID_STATE');
      expect(back.errors[0]?.path).toBe('lockDate');
      expect((await refusal(setLockDates(admin, { lockDate: null }))).code).toBe('INVALID_STATE');
      expect(await footprint(admin.db, admin.companyId)).toEqual(before);
    });

    it('refuses a year with drafts, naming them, and closes it once they are posted', async () => {
      const draft = await createDraftEntry(admin, { ...entry('2025-02-02', '6100', '1200', '20.00'), memo: 'February wages' });
      const before = await footprint(admin.db, admin.companyId);
      const err = await refusal(closeFiscalYear(admin, 2025));
      expect(err.code).toBe('INVALID_STATE');
      expect(err.message).toMatch(/1 draft entries dated in fiscal year 2025/);
      expect(err.errors).toEqual([{ path: 'drafts.0', message: `draft GEN entry of 2025-02-02 “February wages” (${draft.id})` }]);
      expect((await refusal(previewClosing(admin, 2025))).errors).toEqual(err.errors);
      expect(await footprint(admin.db, admin.companyId)).toEqual(before);
      await postDraftEntry(admin, draft.id);
      expect(await closeFiscalYear(admin, 2025)).toMatchObject({ status: 'closed', result: '30.00' });
    });

    it('refuses reopening a year before a later closed one, then reopens both in order', async () => {
      const before = await footprint(admin.db, admin.companyId);
      expect((await refusal(reopenFiscalYear(clerk, 2025))).code).toBe('FORBIDDEN');
      const early = await refusal(reopenFiscalYear(admin, 2024));
      expect(early.message).toMatch(/Reopen fiscal year 2025 first/);
      expect((await refusal(reopenFiscalYear(admin, 2023))).message).toMatch(/is not closed/);
      expect(await footprint(admin.db, admin.companyId)).toEqual(before);

      const closing2025 = (await listFiscalYears(admin)).find((y) => y.year === 2025)?.closingEntryId as string;
      const reopened = await reopenFiscalYear(admin, 2025);
      expect(reopened).toMatchObject({ status: 'open', closingEntryId: null, closedAt: null, result: '30.00' });
      // The lock goes back to where the close found it: the end of 2024.
      expect((await getLockDates(admin)).lockDate).toBe('2024-12-31');
      const original = await getEntry(admin, closing2025);
      expect(original.reversedBy).not.toBeNull();
      const reversal = await getEntry(admin, original.reversedBy as string);
      expect(reversal).toMatchObject({ purpose: 'closing', date: '2025-12-31', reversalOf: closing2025, journalCode: 'OPE' });
      expect((await balances(admin, '2025-01-01', '2025-12-31')).get('4100')).toBe('-50.00');

      await reopenFiscalYear(admin, 2024);
      expect((await getLockDates(admin)).lockDate).toBeNull();
      expect((await balances(admin, '2024-01-01', '2024-12-31')).get('6300')).toBe('300.25');
      // Closing again moves the same result once more: retained earnings hold each year's result exactly once.
      await closeFiscalYear(admin, 2024);
      await closeFiscalYear(admin, 2025);
      const all = await balances(admin);
      expect(all.get('3200')).toBe('-730.00');
      for (const code of ['4100', '4200', '6100', '6300']) expect(all.get(code)).toBe('0.00');
      expect((await listFiscalYears(admin)).filter((y) => y.year <= 2025).map((y) => [y.year, y.status, y.result])).toEqual([
        [2025, 'closed', '30.00'],
        [2024, 'closed', '700.00'],
      ]);
      expect(await verifyAuditChain(admin.db, admin.companyId)).toMatchObject({ ok: true });
    });
  });

  describe('archived accounts', () => {
    it('empties an income account archived while it still had a balance, and reopening brings the balance back', async () => {
      const { admin: own } = await newBooks(use());
      await postNewEntry(own, entry('2023-05-01', '1200', '4100', '25.50'));
      const chart = (await listAccounts(own, { limit: 200, archived: 'exclude' })).items;
      await archiveAccount(own, chart.find((a) => a.code === '4100')?.id as string);
      expect((await previewClosing(own, 2023)).lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
        ['4100', '25.50', '0.00'],
        ['3200', '0.00', '25.50'],
      ]);
      const closed = await closeFiscalYear(own, 2023);
      expect(closed.result).toBe('25.50');
      const after = await balances(own);
      expect(after.get('4100') ?? '0.00').toBe('0.00');
      expect(after.get('3200')).toBe('-25.50');
      await reopenFiscalYear(own, 2023);
      expect((await balances(own)).get('4100')).toBe('-25.50');
      // Archived stays archived: the closing entry was the only posting it accepted.
      expect((await refusal(postNewEntry(own, entry('2024-01-02', '1200', '4100', '1.00')))).errors[0]?.message).toMatch(/archived/);
    });
  });

  describe('balances finer than the API takes', () => {
    it('closes a year of an imported journal with 10-decimal amounts exactly', async () => {
      const { admin: own } = await newBooks(use());
      const journal = ['2023-06-01 fine sale', '    Assets:Bank   10.1234567891 EUR', '    Income:Sales', ''].join('\n');
      await importJournal(own, textSource(journal, 'fine.journal', 'journal'));
      const preview = await previewClosing(own, 2023);
      expect(preview.result).toBe('10.1234567891');
      expect(preview.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
        ['Income:Sales', '10.1234567891', '0.00'],
        ['3200', '0.00', '10.1234567891'],
      ]);
      await closeFiscalYear(own, 2023);
      const after = await balances(own);
      expect(after.get('Income:Sales') ?? '0.00').toBe('0.00');
      expect(after.get('3200')).toBe('-10.1234567891');
      expect(await verifyAuditChain(own.db, own.companyId)).toMatchObject({ ok: true });
    });
  });

  describe('the retained earnings account', () => {
    it('is required when the chart has none or several, with a field error', async () => {
      const { admin: own } = await newBooks(use());
      await postNewEntry(own, entry('2023-04-01', '1200', '4100', '10.00'));
      const chart = (await listAccounts(own, { limit: 200, archived: 'exclude' })).items;
      const id = (code: string) => chart.find((a) => a.code === code)?.id as string;
      await archiveAccount(own, id('3200'));
      const before = await footprint(own.db, own.companyId);
      const none = await refusal(closeFiscalYear(own, 2023));
      expect(none.code).toBe('VALIDATION_FAILED');
      expect(none.errors).toEqual([
        { path: 'retainedEarningsAccountId', message: 'is required: no account has the subtype retained_earnings' },
      ]);
      const income = await refusal(closeFiscalYear(own, 2023, { retainedEarningsAccountId: id('4100') }));
      expect(income.errors).toEqual([{ path: 'retainedEarningsAccountId', message: 'account 4100 is not an active equity account' }]);
      const archived = await refusal(closeFiscalYear(own, 2023, { retainedEarningsAccountId: id('3200') }));
      expect(archived.errors[0]?.path).toBe('retainedEarningsAccountId');
      const unknown = await refusal(closeFiscalYear(own, 2023, { retainedEarningsAccountId: '0190a0b0-0000-7000-8000-000000000000' }));
      expect(unknown.errors).toEqual([{ path: 'retainedEarningsAccountId', message: 'is not an account of this company' }]);
      expect(await footprint(own.db, own.companyId)).toEqual(before);

      const closed = await closeFiscalYear(own, 2023, { retainedEarningsAccountId: id('3100') });
      expect(closed.result).toBe('10.00');
      expect((await balances(own)).get('3100')).toBe('-10.00');
    });

    it('must be chosen among several', async () => {
      const { admin: own } = await newBooks(use());
      await postNewEntry(own, entry('2023-04-01', '6300', '1200', '10.00'));
      await createAccount(own, { code: '3250', name: 'Reserves', type: 'equity', subtype: 'retained_earnings' });
      const several = await refusal(previewClosing(own, 2023));
      expect(several.errors).toEqual([
        { path: 'retainedEarningsAccountId', message: 'is required: 3200, 3250 all have the subtype retained_earnings' },
      ]);
      const preview = await previewClosing(own, 2023, {
        retainedEarningsAccountId: (await listAccounts(own, { limit: 200, archived: 'exclude' })).items.find((a) => a.code === '3250')?.id,
      });
      expect(preview.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
        ['6300', '0.00', '10.00'],
        ['3250', '10.00', '0.00'],
      ]);
    });

    it('closes a year without income or expense without an entry, and refuses closing past an open year', async () => {
      const { admin: own } = await newBooks(use());
      await postNewEntry(own, entry('2022-04-01', '1200', '3100', '500.00'));
      await postNewEntry(own, entry('2023-04-01', '1200', '4100', '5.00'));
      const before = await footprint(own.db, own.companyId);
      const skipping = await refusal(closeFiscalYear(own, 2023));
      expect(skipping.message).toBe('Close fiscal year 2022 first: it has posted entries and is still open');
      expect(await footprint(own.db, own.companyId)).toEqual(before);
      const quiet = await closeFiscalYear(own, 2022);
      expect(quiet).toMatchObject({ status: 'closed', closingEntryId: null, result: '0.00' });
      expect(await count(own.db, 'journal_entries', 'company_id = $1', [own.companyId])).toBe(before.entries);
      await setLockDate(own, { lockDate: '2023-12-31' });
      const locked = await refusal(closeFiscalYear(own, 2023));
      expect(locked.errors).toEqual([{ path: 'lockDate', message: 'must be before 2023-12-31 for the closing entry to be posted' }]);
      await setLockDate(own, { lockDate: '2023-06-30' });
      expect((await closeFiscalYear(own, 2023)).status).toBe('closed');
      // A later closed year keeps an earlier one from closing after it.
      const { admin: other } = await newBooks(use());
      await closeFiscalYear(other, 2024);
      expect((await refusal(closeFiscalYear(other, 2023))).message).toMatch(/Fiscal year 2024 is closed/);
    });
  });

  describe('concurrency and bad years', () => {
    it('closes a year once when two closes race', async () => {
      const { admin: own } = await newBooks(use());
      await postNewEntry(own, entry('2023-09-09', '1200', '4100', '42.00'));
      const results = await Promise.allSettled([closeFiscalYear(own, 2023), closeFiscalYear(own, 2023)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected');
      expect(failed?.status === 'rejected' && failed.reason).toMatchObject({
        code: 'INVALID_STATE',
        message: 'Fiscal year 2023 is already closed',
      });
      expect(await count(own.db, 'journal_entries', `company_id = $1 AND purpose = 'closing'`, [own.companyId])).toBe(1);
      expect((await balances(own)).get('3200')).toBe('-42.00');
    }, 30_000);

    it('makes a lock-date change wait for the postings in flight, so none commits into the period it locks', async () => {
      // PGlite runs one transaction at a time, so only a server can have the two in flight at once.
      if (engine !== 'postgres') return;
      const { admin: own } = await newBooks(use());
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let signalPosted = () => {};
      const posted = new Promise<void>((resolve) => {
        signalPosted = resolve;
      });
      const posting = own.db.tenant(own.companyId, async (tx) => {
        const result = await postEntry(tx, own.companyId, own.actor, entry('2026-05-10', '1200', '4100', '7.00'));
        signalPosted();
        await held;
        return result;
      });
      await posted;
      let locked = false;
      const locking = setLockDates(own, { lockDate: '2026-05-31' }).then((dates) => {
        locked = true;
        return dates;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(locked).toBe(false);
      release();
      expect((await posting).status).toBe('posted');
      expect((await locking).lockDate).toBe('2026-05-31');
      expect((await refusal(postNewEntry(own, entry('2026-05-10', '1200', '4100', '7.00')))).code).toBe('INVALID_STATE');
    }, 30_000);

    it('refuses a year out of range from any caller, with a field error', async () => {
      for (const year of [1899, 9999, 2024.5]) {
        const err = await refusal(closeFiscalYear(admin, year));
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.errors[0]?.path).toBe('year');
        expect((await refusal(previewClosing(admin, year))).errors[0]?.path).toBe('year');
        expect((await refusal(reopenFiscalYear(admin, year))).errors[0]?.path).toBe('year');
      }
    });
  });

  describe('the period lock (everyone but admins)', () => {
    it('stops non-admins posting, posting drafts and reversing on or before it; admins go on', async () => {
      const { admin: own, clerk: user } = await newBooks(use());
      const early = await postNewEntry(own, entry('2026-02-10', '1200', '4100', '10.00'));
      const draft = await createDraftEntry(user, entry('2026-03-05', '1200', '4100', '3.00'));
      expect(await setLockDates(user, { periodLockDate: '2026-03-31' })).toEqual({ lockDate: null, periodLockDate: '2026-03-31' });
      const before = await footprint(own.db, own.companyId);
      const post = await refusal(postNewEntry(user, entry('2026-03-31', '1200', '4100', '1.00')));
      expect(post.code).toBe('INVALID_STATE');
      expect(post.errors).toEqual([{ path: 'date', message: 'must be after the period lock date 2026-03-31' }]);
      expect((await refusal(postDraftEntry(user, draft.id))).errors[0]?.path).toBe('date');
      expect((await refusal(reverseEntry(user, early.id))).errors[0]?.path).toBe('date');
      expect(await footprint(own.db, own.companyId)).toEqual(before);

      expect((await postNewEntry(user, entry('2026-04-01', '1200', '4100', '1.00'))).status).toBe('posted');
      expect((await postNewEntry(own, entry('2026-03-15', '1200', '4100', '1.00'))).status).toBe('posted');
      expect((await postDraftEntry(own, draft.id)).status).toBe('posted');
      // An admin user (not only the system) is above the period lock, and still below the hard lock.
      const boss = await addUser(own.db, own.companyId, ['admin']);
      const bossCtx: ServiceContext = { ...own, actor: { userId: boss.id, label: boss.email } };
      expect((await reverseEntry(bossCtx, early.id)).status).toBe('posted');
      const fiscal = (await listFiscalYears(own)).find((y) => y.year === 2026);
      expect(fiscal?.periods.slice(0, 4).map((p) => p.lock)).toEqual(['exceptAdmins', 'exceptAdmins', 'exceptAdmins', 'open']);
    });

    it('lets only admins move a lock date back, with nothing written otherwise', async () => {
      const { admin: own, clerk: user } = await newBooks(use());
      await setLockDates(user, { lockDate: '2026-01-31', periodLockDate: '2026-05-31' });
      const before = await footprint(own.db, own.companyId);
      expect((await refusal(setLockDates(user, { periodLockDate: '2026-04-30' }))).code).toBe('FORBIDDEN');
      expect((await refusal(setLockDates(user, { periodLockDate: null }))).code).toBe('FORBIDDEN');
      expect((await refusal(setLockDate(user, { lockDate: '2026-01-30' }))).code).toBe('FORBIDDEN');
      expect((await refusal(setLockDate(user, { lockDate: null }))).code).toBe('FORBIDDEN');
      expect(await footprint(own.db, own.companyId)).toEqual(before);
      expect(await setLockDates(user, { lockDate: '2026-02-28' })).toEqual({ lockDate: '2026-02-28', periodLockDate: '2026-05-31' });
      expect(await setLockDates(own, { lockDate: null, periodLockDate: '2026-01-31' })).toEqual({
        lockDate: null,
        periodLockDate: '2026-01-31',
      });
      const monthsLocked = (await listFiscalYears(own)).find((y) => y.year === 2026)?.periods.map((p) => p.lock);
      expect(monthsLocked?.slice(0, 2)).toEqual(['exceptAdmins', 'open']);
    });
  });
});
