import { infiniteQueryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { AuditEvent, AuditVerification, Page } from '../../../app/types.ts';
import { dayToIso } from '../../../app/ui/format.ts';

export interface AuditFilterValues {
  action: string;
  entityType: string;
  actor: string;
  from: string; // yyyy-mm-dd
  to: string; // yyyy-mm-dd
}

export const emptyFilters: AuditFilterValues = { action: '', entityType: '', actor: '', from: '', to: '' };

export const auditEventsQuery = (filters: AuditFilterValues) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditEvent>>('/audit/events', {
        limit: 50,
        cursor: pageParam,
        action: filters.action.trim(),
        entityType: filters.entityType.trim(),
        actor: filters.actor.trim(),
        from: dayToIso(filters.from),
        to: dayToIso(filters.to, true),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const verifyAuditChain = () => api.post<AuditVerification>('/audit/verify');
