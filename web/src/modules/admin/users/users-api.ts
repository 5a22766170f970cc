import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { Items, Member, Page, RoleInfo } from '../../../app/types.ts';

export const PAGE_SIZE = 25;

export const usersQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: ['users', { q }],
    queryFn: ({ pageParam }) => api.get<Page<Member>>('/users', { limit: PAGE_SIZE, cursor: pageParam, q }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const rolesQuery = queryOptions({
  queryKey: ['roles'],
  queryFn: () => api.get<Items<RoleInfo>>('/roles'),
  staleTime: 5 * 60_000,
});

export interface NewUser {
  email: string;
  name: string;
  password: string;
  roles: string[];
}

export const createUser = (input: NewUser) => api.create<Member>('/users', input);
export const updateUserRoles = (member: Member, roles: string[]) =>
  api.patch<Member>(`/users/${member.id}`, { roles, version: member.version });
export const setUserActive = (member: Member, active: boolean) =>
  api.post<Member>(`/users/${member.id}/${active ? 'reactivate' : 'deactivate'}`);
