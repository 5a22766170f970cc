import type { Actor } from '../../platform/audit/actor.ts';
import type { Tx } from '../../platform/db/database.ts';

/**
 * What other modules do when a duplicate party is merged into another, inside the merge's transaction:
 * invoices move their drafts to the party that stays. They register here (from the composition root), so
 * this module never imports them.
 */
export type PartyMergeHook = (tx: Tx, companyId: string, actor: Actor, merged: { duplicateId: string; intoId: string }) => Promise<void>;

const hooks = new Map<string, PartyMergeHook>();

export function onPartiesMerged(name: string, hook: PartyMergeHook): void {
  hooks.set(name, hook);
}

export async function runPartyMergeHooks(
  tx: Tx,
  companyId: string,
  actor: Actor,
  merged: { duplicateId: string; intoId: string },
): Promise<void> {
  for (const hook of hooks.values()) await hook(tx, companyId, actor, merged);
}
