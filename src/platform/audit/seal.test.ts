import { expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { seedCompany } from '../testing/http.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { appendAudit } from './append.ts';
import { sealAllAuditChains } from './seal.ts';
import { verifyAuditChain } from './verify.ts';

const count = async (db: Database, table: string, companyId: string) => {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1`, [companyId]);
  return row?.n ?? 0;
};

describeEachEngine('audit intake and sealing', (use) => {
  it('seals a committed event into the chain before the transaction call returns, and keeps nothing of a rolled-back one', async () => {
    const db = use();
    const { company } = await seedCompany(db);
    const sealed = await count(db, 'audit_events', company.id);
    await db.tenant(company.id, (tx) =>
      appendAudit(tx, company.id, SYSTEM_ACTOR, { action: 'test.kept', entityType: 'test', after: { n: 1 } }),
    );
    expect(await count(db, 'audit_intake', company.id)).toBe(0);
    expect(await count(db, 'audit_events', company.id)).toBe(sealed + 1);
    const [last] = await db.query<{ action: string; seq: string }>(
      'SELECT action, seq::text AS seq FROM audit_events WHERE company_id = $1 ORDER BY seq DESC LIMIT 1',
      [company.id],
    );
    expect(last).toEqual({ action: 'test.kept', seq: String(sealed + 1) });

    await expect(
      db.tenant(company.id, async (tx) => {
        await appendAudit(tx, company.id, SYSTEM_ACTOR, { action: 'test.rolled-back', entityType: 'test' });
        throw new Error('the change fails after its audit record was written');
      }),
    ).rejects.toThrow(/change fails/);
    expect(await count(db, 'audit_intake', company.id)).toBe(0);
    expect(await count(db, 'audit_events', company.id)).toBe(sealed + 1);
    expect(await verifyAuditChain(db, company.id)).toMatchObject({ ok: true, checked: sealed + 1 });
  });

  it('seals events a stopped process left in the intake, in intake order, when the chain is next read', async () => {
    const db = use();
    const { company } = await seedCompany(db);
    const sealed = await count(db, 'audit_events', company.id);
    // As if two transactions committed and the process stopped before sealing them.
    for (const action of ['test.left-first', 'test.left-second']) {
      await db.query(
        `INSERT INTO audit_intake (company_id, id, occurred_at, actor_label, action, entity_type, after)
         VALUES ($1, gen_random_uuid(), now(), 'system', $2, 'test', '{"price": 1.10, "b": [1, {"z": null, "a": "x"}]}')`,
        [company.id, action],
      );
    }
    expect(await count(db, 'audit_intake', company.id)).toBe(2);
    const result = await verifyAuditChain(db, company.id);
    expect(result).toMatchObject({ ok: true, checked: sealed + 2 });
    expect(await count(db, 'audit_intake', company.id)).toBe(0);
    const tail = await db.query<{ action: string }>('SELECT action FROM audit_events WHERE company_id = $1 ORDER BY seq DESC LIMIT 2', [
      company.id,
    ]);
    expect(tail.map((e) => e.action)).toEqual(['test.left-second', 'test.left-first']);

    await db.query(
      `INSERT INTO audit_intake (company_id, id, occurred_at, actor_label, action, entity_type) VALUES ($1, gen_random_uuid(), now(), 'system', 'test.at-start', 'test')`,
      [company.id],
    );
    await sealAllAuditChains(db);
    expect(await count(db, 'audit_intake', company.id)).toBe(0);
    expect(await verifyAuditChain(db, company.id)).toMatchObject({ ok: true, checked: sealed + 3 });
  });

  it('refuses to change or drop an event waiting in the intake', async () => {
    const db = use();
    const { company } = await seedCompany(db);
    await db.query(
      `INSERT INTO audit_intake (company_id, id, occurred_at, actor_label, action, entity_type) VALUES ($1, gen_random_uuid(), now(), 'system', 'test.waiting', 'test')`,
      [company.id],
    );
    await expect(db.query(`UPDATE audit_intake SET action = 'forged' WHERE company_id = $1`, [company.id])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_intake WHERE company_id = $1', [company.id])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_intake')).rejects.toThrow(/append-only/);
    await verifyAuditChain(db, company.id);
    expect(await count(db, 'audit_intake', company.id)).toBe(0);
  });

  it('keeps one gapless chain when many transactions of one company commit at once', async () => {
    const db = use();
    const { company } = await seedCompany(db);
    const sealed = await count(db, 'audit_events', company.id);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.tenant(company.id, (tx) =>
          appendAudit(tx, company.id, SYSTEM_ACTOR, { action: 'test.burst', entityType: 'test', entityId: String(i) }),
        ),
      ),
    );
    expect(await count(db, 'audit_intake', company.id)).toBe(0);
    expect(await verifyAuditChain(db, company.id)).toMatchObject({ ok: true, checked: sealed + 30 });
  });
});
