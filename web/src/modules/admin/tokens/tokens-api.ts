import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { ApiToken, CreatedApiToken, Items } from '../../../app/types.ts';

export const tokensQuery = queryOptions({
  queryKey: ['tokens'],
  queryFn: () => api.get<Items<ApiToken>>('/tokens'),
});

export const createToken = (input: { name: string; expiresAt?: string }) => api.create<CreatedApiToken>('/tokens', input);
export const revokeToken = (id: string) => api.delete(`/tokens/${id}`);

export function tokenState(token: ApiToken, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}
