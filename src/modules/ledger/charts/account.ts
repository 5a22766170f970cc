import type { AccountType } from '../account-model.ts';

/** One account of a chart template; `parent` is the code of an earlier account of the same type. */
export interface TemplateAccount {
  code: string;
  name: string;
  nameEs: string;
  type: AccountType;
  subtype?: string;
  parent?: string;
}

export const a = (code: string, name: string, nameEs: string, type: AccountType, subtype?: string, parent?: string): TemplateAccount => ({
  code,
  name,
  nameEs,
  type,
  ...(subtype ? { subtype } : {}),
  ...(parent ? { parent } : {}),
});
