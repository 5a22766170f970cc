/**
 * Roles and the permissions (`module:action`) they grant. Every route declares the one permission it
 * needs; the route × role test walks the OpenAPI document against this table.
 */
export const ROLES = [
  'admin',
  'accountant',
  'sales',
  'purchasing',
  'warehouse',
  'hr',
  'payroll',
  'it_agent',
  'auditor',
  'employee',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'company:read',
  'company:write',
  'company:create',
  'users:read',
  'users:write',
  'audit:read',
  'jobs:read',
  'jobs:write',
  'ledger:read',
  'ledger:write',
  'parties:read',
  'parties:write',
  'taxes:read',
  'taxes:write',
  'products:read',
  'products:write',
  'sales:read',
  'sales:write',
  'purchasing:read',
  'purchasing:write',
  'banking:read',
  'banking:write',
  'inventory:read',
  'inventory:write',
  'hr:read',
  'hr:write',
  'payroll:read',
  'payroll:write',
  'it:read',
  'it:write',
  'compliance:read',
  'compliance:write',
  'self:read',
  'self:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const readOnly = PERMISSIONS.filter((p) => p.endsWith(':read'));
const self: Permission[] = ['company:read', 'self:read', 'self:write'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  accountant: [
    ...self,
    'ledger:read',
    'ledger:write',
    'parties:read',
    'parties:write',
    'taxes:read',
    'taxes:write',
    'products:read',
    'banking:read',
    'banking:write',
    'sales:read',
    'purchasing:read',
    'inventory:read',
    'compliance:read',
    'jobs:read',
  ],
  // Customers and suppliers are shared by selling and buying.
  sales: [
    ...self,
    'sales:read',
    'sales:write',
    'parties:read',
    'parties:write',
    'taxes:read',
    'products:read',
    'products:write',
    'inventory:read',
  ],
  purchasing: [
    ...self,
    'purchasing:read',
    'purchasing:write',
    'parties:read',
    'parties:write',
    'taxes:read',
    'products:read',
    'products:write',
    'inventory:read',
  ],
  warehouse: [
    ...self,
    'inventory:read',
    'inventory:write',
    'sales:read',
    'purchasing:read',
    'parties:read',
    'products:read',
    'products:write',
    'taxes:read',
  ],
  hr: [...self, 'hr:read', 'hr:write', 'users:read'],
  payroll: [...self, 'payroll:read', 'payroll:write', 'hr:read', 'ledger:read'],
  it_agent: [...self, 'it:read', 'it:write', 'users:read', 'jobs:read'],
  auditor: readOnly,
  employee: self,
};

export function permissionsOf(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const p of ROLE_PERMISSIONS[role as Role] ?? []) granted.add(p);
  }
  return PERMISSIONS.filter((p) => granted.has(p));
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
