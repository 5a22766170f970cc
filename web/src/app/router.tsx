import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { AccountPage } from '../modules/account/AccountPage.tsx';
import { LoginPage } from '../modules/account/LoginPage.tsx';
import { AuditPage } from '../modules/admin/audit/AuditPage.tsx';
import { CompaniesPage } from '../modules/admin/companies/CompaniesPage.tsx';
import { CompanySettingsPage } from '../modules/admin/company/CompanySettingsPage.tsx';
import { JobsPage } from '../modules/admin/jobs/JobsPage.tsx';
import { TokensPage } from '../modules/admin/tokens/TokensPage.tsx';
import { UsersPage } from '../modules/admin/users/UsersPage.tsx';
import { ComingSoonPage } from '../modules/coming-soon/ComingSoonPage.tsx';
import { DashboardPage } from '../modules/dashboard/DashboardPage.tsx';
import { AccountsPage } from '../modules/finance/AccountsPage.tsx';
import { EntriesPage } from '../modules/finance/EntriesPage.tsx';
import { ExchangeRatesPage } from '../modules/finance/fx/ExchangeRatesPage.tsx';
import { PeriodsPage } from '../modules/finance/PeriodsPage.tsx';
import { ReportsPage, validateReportsSearch } from '../modules/finance/reports/ReportsPage.tsx';
import { TrialBalancePage } from '../modules/finance/TrialBalancePage.tsx';
import { InvoicesPage, validateInvoicesSearch } from '../modules/invoices/InvoicesPage.tsx';
import { PartiesPage, validatePartiesSearch } from '../modules/parties/PartiesPage.tsx';
import { ProductsPage, validateProductsSearch } from '../modules/products/ProductsPage.tsx';
import { TaxesPage } from '../modules/taxes/TaxesPage.tsx';
import { forgetSession, meQuery, safeRedirect } from './auth.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import type { ModuleKey } from './layout/nav-items.ts';
import { queryClient, setUnauthorizedHandler } from './query-client.ts';
import { NotFoundPage } from './ui/NotFoundPage.tsx';

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: LoginPage,
});

/** Everything behind sign-in. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/login', search: location.href === '/' ? {} : { redirect: location.href } });
  },
  component: AppLayout,
});

const dashboardRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: DashboardPage });

function comingSoonRoute<const K extends ModuleKey>(key: K) {
  return createRoute({
    getParentRoute: () => appRoute,
    path: `/${key}` as `/${K}`,
    component: () => <ComingSoonPage module={key} />,
  });
}

const financeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/finance',
  beforeLoad: () => {
    throw redirect({ to: '/finance/accounts' });
  },
});
const financeAccountsRoute = createRoute({ getParentRoute: () => appRoute, path: '/finance/accounts', component: AccountsPage });
const financeEntriesRoute = createRoute({ getParentRoute: () => appRoute, path: '/finance/entries', component: EntriesPage });
const financePeriodsRoute = createRoute({ getParentRoute: () => appRoute, path: '/finance/periods', component: PeriodsPage });
const financeExchangeRatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/finance/exchange-rates',
  component: ExchangeRatesPage,
});
const financeTrialBalanceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/finance/trial-balance',
  component: TrialBalancePage,
});
const financeReportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/finance/reports',
  validateSearch: validateReportsSearch,
  component: ReportsPage,
});
const financeTaxesRoute = createRoute({ getParentRoute: () => appRoute, path: '/finance/taxes', component: TaxesPage });

const partiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parties',
  validateSearch: validatePartiesSearch,
  component: PartiesPage,
});

const productsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/products',
  validateSearch: validateProductsSearch,
  component: ProductsPage,
});

/** Sales: invoices for now (/sales itself leads to them). */
const salesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sales',
  beforeLoad: () => {
    throw redirect({ to: '/sales/invoices' });
  },
});
const salesInvoicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sales/invoices',
  validateSearch: validateInvoicesSearch,
  component: InvoicesPage,
});

const adminUsersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  validateSearch: (search: Record<string, unknown>): { q?: string } => (typeof search.q === 'string' ? { q: search.q } : {}),
  component: UsersPage,
});
const adminTokensRoute = createRoute({ getParentRoute: () => appRoute, path: '/admin/tokens', component: TokensPage });
const adminAuditRoute = createRoute({ getParentRoute: () => appRoute, path: '/admin/audit', component: AuditPage });
const adminJobsRoute = createRoute({ getParentRoute: () => appRoute, path: '/admin/jobs', component: JobsPage });
const adminCompanyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/company',
  component: CompanySettingsPage,
});
const adminCompaniesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/companies',
  component: CompaniesPage,
});
const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/account', component: AccountPage });

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    dashboardRoute,
    financeRoute,
    financeAccountsRoute,
    financeEntriesRoute,
    financeTrialBalanceRoute,
    financeReportsRoute,
    financePeriodsRoute,
    financeExchangeRatesRoute,
    financeTaxesRoute,
    partiesRoute,
    productsRoute,
    salesRoute,
    salesInvoicesRoute,
    comingSoonRoute('purchasing'),
    comingSoonRoute('inventory'),
    comingSoonRoute('hr'),
    comingSoonRoute('payroll'),
    comingSoonRoute('it'),
    comingSoonRoute('compliance'),
    adminUsersRoute,
    adminTokensRoute,
    adminAuditRoute,
    adminJobsRoute,
    adminCompanyRoute,
    adminCompaniesRoute,
    accountRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

// A 401 from any query means the session ended (expired, revoked elsewhere): back to sign-in.
setUnauthorizedHandler(() => {
  const here = router.state.location.href;
  forgetSession();
  void router.navigate({ to: '/login', search: here.startsWith('/login') ? {} : { redirect: here } });
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
