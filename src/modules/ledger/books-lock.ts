import type { Tx } from '../../platform/db/database.ts';

// Postings and lock-date changes take turns through one advisory lock per company, held to the end of the
// transaction. Postings share it, so they never wait for each other; a change of the lock dates (setting
// them, closing or reopening a year) takes it alone, so it waits for the postings in flight and they wait
// for it. Without it, a posting that read the lock dates just before a change could still commit into the
// period the change locks. Take it before reading the lock dates: a statement reads what was committed
// when it started, so the read must come after the wait.
const BOOKS_LOCK_KEY = `hashtextextended('trastienda.ledger.books:' || $1::text, 0)`;

/** For a posting: shared with other postings, exclusive of lock-date changes. */
export async function shareBooksLock(tx: Tx, companyId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock_shared(${BOOKS_LOCK_KEY})`, [companyId]);
}

/** For a change of the lock dates: waits for the postings in flight, and holds off new ones until commit. */
export async function takeBooksLock(tx: Tx, companyId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${BOOKS_LOCK_KEY})`, [companyId]);
}
