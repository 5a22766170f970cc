import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Items, Session, TotpSetup } from '../../app/types.ts';

export const sessionsQuery = queryOptions({
  queryKey: ['auth', 'sessions'],
  queryFn: () => api.get<Items<Session>>('/auth/sessions'),
});

export const changePassword = (input: { currentPassword: string; newPassword: string }) => api.post<void>('/auth/password', input);
export const startTotpSetup = () => api.post<TotpSetup>('/auth/totp/setup');
export const enableTotp = (code: string) => api.post<void>('/auth/totp/enable', { code });
export const disableTotp = (password: string) => api.post<void>('/auth/totp/disable', { password });
export const revokeSession = (id: string) => api.delete(`/auth/sessions/${id}`);

export const MIN_PASSWORD_LENGTH = 10;
