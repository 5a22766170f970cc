import type { Actor } from '../audit/actor.ts';
import type { Database, Tx } from '../db/database.ts';

/**
 * What modules do when a company is born (the ledger applies its chart of accounts), run inside the
 * company's creating transaction: the company exists with its setup, or not at all. Modules register
 * here so the platform never imports them.
 */
export interface NewCompany {
  id: string;
  slug: string;
  baseCurrency: string;
  country: string;
  locale: string;
}

/** Choices made when creating a company that only the modules understand (e.g. the chart template). */
export interface CompanySetupChoices {
  chart?: string | undefined;
}

export type CompanySetup = (tx: Tx, company: NewCompany, actor: Actor, choices: CompanySetupChoices) => Promise<void>;

const setups = new Map<string, CompanySetup>();

export function registerCompanySetup(name: string, setup: CompanySetup): void {
  setups.set(name, setup);
}

export async function runCompanySetups(tx: Tx, company: NewCompany, actor: Actor, choices: CompanySetupChoices): Promise<void> {
  for (const setup of setups.values()) await setup(tx, company, actor, choices);
}

/**
 * Sample data a module adds to the demo company (`trastienda demo` and every start). Each seed runs on
 * every call and must be idempotent, also when two processes start at once.
 */
export type DemoSeed = (db: Database, companyId: string, actor: Actor) => Promise<void>;

const demoSeeds = new Map<string, DemoSeed>();

export function registerDemoSeed(name: string, seed: DemoSeed): void {
  demoSeeds.set(name, seed);
}

export async function runDemoSeeds(db: Database, companyId: string, actor: Actor): Promise<void> {
  for (const seed of demoSeeds.values()) await seed(db, companyId, actor);
}
