import { queryOptions, useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { ApiError, api, setCsrfToken } from './api.ts';
import { queryClient } from './query-client.ts';
import type { Me } from './types.ts';

export const meQueryKey = ['me'] as const;

/** Remembers who is signed in; keeps the CSRF token from the response in memory. */
export function acceptMe(me: Me): Me {
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(meQueryKey, me);
  return me;
}

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const meQuery = queryOptions({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQuery);
}

export interface LoginInput {
  email: string;
  password: string;
  totpCode?: string;
}

export async function login(input: LoginInput): Promise<Me> {
  return acceptMe(await api.post<Me>('/auth/login', input));
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout');
  } finally {
    forgetSession();
  }
}

/** Drops everything cached for the signed-in user. */
export function forgetSession(): void {
  setCsrfToken(null);
  queryClient.clear();
  queryClient.setQueryData(meQueryKey, null);
}

export async function switchCompany(companyId: string): Promise<Me> {
  const me = acceptMe(await api.post<Me>('/auth/switch-company', { companyId }));
  await queryClient.invalidateQueries();
  return me;
}

/** The signed-in user, provided by the app layout to every page inside it. */
export const MeContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useSession() used outside the signed-in layout');
  return me;
}

/** Only same-site paths are followed after sign-in. */
export function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/';
}
