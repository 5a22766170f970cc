import type { Actor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import type { Tx } from '../../platform/db/database.ts';
import { foldText } from '../../platform/search-text.ts';

/**
 * When a duplicate customer is merged into another, its draft invoices move to the one that stays. Issued
 * invoices keep the customer they were issued to (and the name and tax id they were issued with).
 */
export async function moveDraftInvoices(
  tx: Tx,
  companyId: string,
  actor: Actor,
  merged: { duplicateId: string; intoId: string },
): Promise<void> {
  const [into] = await tx.query<{ legal_name: string }>('SELECT legal_name FROM parties WHERE company_id = $1 AND id = $2', [
    companyId,
    merged.intoId,
  ]);
  const moved = await tx.query<{ id: string }>(
    `UPDATE invoices SET party_id = $3, search_text = $4, version = version + 1, updated_at = now()
      WHERE company_id = $1 AND party_id = $2 AND status = 'draft' RETURNING id`,
    [companyId, merged.duplicateId, merged.intoId, foldText(into?.legal_name ?? '')],
  );
  for (const { id } of moved) {
    await appendAudit(tx, companyId, actor, {
      action: 'invoices.invoice.updated',
      entityType: 'invoice',
      entityId: id,
      before: { partyId: merged.duplicateId },
      after: { partyId: merged.intoId, reason: 'customers merged' },
    });
  }
}
