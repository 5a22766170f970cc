import { infiniteQueryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { Job, JobStatus, Page } from '../../../app/types.ts';

export const ACTIVE_STATUSES: readonly JobStatus[] = ['queued', 'running'];
export const isActive = (job: Job) => ACTIVE_STATUSES.includes(job.status);

export const jobsQuery = (status: string) =>
  infiniteQueryOptions({
    queryKey: ['jobs', { status }],
    queryFn: ({ pageParam }) => api.get<Page<Job>>('/jobs', { limit: 50, cursor: pageParam, status }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Poll every 2 s while anything is still queued or running.
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some(isActive)) ? 2_000 : false),
  });

export const enqueueJob = (name: string, payload?: unknown) =>
  api.create<Job>('/jobs', payload === undefined ? { name } : { name, payload });
export const retryJob = (id: string) => api.post<Job>(`/jobs/${id}/retry`);
export const cancelJob = (id: string) => api.post<Job>(`/jobs/${id}/cancel`);

export const STATUS_COLORS: Record<string, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'orange',
};
