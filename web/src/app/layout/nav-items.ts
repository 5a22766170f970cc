import {
  IconAddressBook,
  IconArrowsExchange,
  IconBuilding,
  IconBuildingStore,
  IconCalendarTime,
  IconClipboardCheck,
  IconDashboard,
  IconDeviceDesktop,
  IconFileAnalytics,
  IconHistory,
  IconKey,
  IconListCheck,
  IconListTree,
  IconNotebook,
  IconPackage,
  IconPackages,
  IconReceipt,
  IconReceiptTax,
  IconReportMoney,
  IconScale,
  IconSettings,
  IconShoppingCart,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

/** The business modules that do not have pages yet; each gets an honest "coming soon" page. */
export const moduleKeys = ['purchasing', 'inventory', 'hr', 'payroll', 'it', 'compliance'] as const;
export type ModuleKey = (typeof moduleKeys)[number];

export interface NavItem {
  /** Translation key of the label. */
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
}

export const dashboardItem: NavItem = { label: 'nav.dashboard', to: '/', icon: IconDashboard };

/** Finance: chart of accounts, journal entries and trial balance (/finance itself leads to the chart). */
export const financeItems: NavItem[] = [
  { label: 'nav.financeAccounts', to: '/finance/accounts', icon: IconListTree },
  { label: 'nav.financeEntries', to: '/finance/entries', icon: IconNotebook },
  { label: 'nav.financeTrialBalance', to: '/finance/trial-balance', icon: IconScale },
  { label: 'reports.nav', to: '/finance/reports', icon: IconReportMoney },
  { label: 'periods.nav', to: '/finance/periods', icon: IconCalendarTime },
  { label: 'fx.nav', to: '/finance/exchange-rates', icon: IconArrowsExchange },
  { label: 'taxes.nav', to: '/finance/taxes', icon: IconReceiptTax },
];

const moduleIcons: Record<ModuleKey, NavItem['icon']> = {
  purchasing: IconShoppingCart,
  inventory: IconPackage,
  hr: IconUsersGroup,
  payroll: IconFileAnalytics,
  it: IconDeviceDesktop,
  compliance: IconClipboardCheck,
};

/** Customers and suppliers (the parties module): the first of the modules, before Sales and Purchasing that use it. */
export const partiesItem: NavItem = { label: 'parties.nav', to: '/parties', icon: IconAddressBook };

/** The catalogue of products and services that sales, purchasing and inventory share. */
export const productsItem: NavItem = { label: 'products.nav', to: '/products', icon: IconPackages };

/** Sales: the invoices to customers (/sales leads to them). */
export const salesInvoicesItem: NavItem = { label: 'invoices.nav', to: '/sales/invoices', icon: IconReceipt };

export const moduleItems: NavItem[] = [
  partiesItem,
  productsItem,
  salesInvoicesItem,
  ...moduleKeys.map((key) => ({
    label: `nav.${key}`,
    to: `/${key}`,
    icon: moduleIcons[key],
  })),
];

export const adminItems: NavItem[] = [
  { label: 'nav.users', to: '/admin/users', icon: IconUsers },
  { label: 'nav.tokens', to: '/admin/tokens', icon: IconKey },
  { label: 'nav.audit', to: '/admin/audit', icon: IconHistory },
  { label: 'nav.jobs', to: '/admin/jobs', icon: IconListCheck },
  { label: 'nav.companySettings', to: '/admin/company', icon: IconSettings },
  { label: 'nav.companies', to: '/admin/companies', icon: IconBuilding },
];

export const accountItem: NavItem = { label: 'nav.account', to: '/account', icon: IconUserCircle };

export const allNavItems: NavItem[] = [dashboardItem, ...moduleItems, ...adminItems, accountItem];

export { IconBuildingStore as BrandIcon };
