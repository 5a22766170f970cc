import type { Actor } from './audit/actor.ts';
import type { Database } from './db/database.ts';

/** What every company-scoped service call needs: the database, the company acted for, and who acts. */
export interface ServiceContext {
  db: Database;
  companyId: string;
  actor: Actor;
}
