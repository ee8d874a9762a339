import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client.ts';
import { unwrap } from '../../app/api/problem.ts';
import type { components } from '../../app/api/schema.gen.ts';

export type InboxNotification = components['schemas']['InboxNotification'];

const KEY = ['notifications'] as const;
// New notifications arrive without the user doing anything: the count is asked for again.
const UNREAD_POLL_MS = 30_000;

/** How many notifications are unread (the header's badge). */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...KEY, 'unread-count'],
    queryFn: () => unwrap(api.GET('/v1/notifications', { params: { query: { unread: 'true', limit: 1 } } })),
    select: (page) => page.unread_count,
    refetchInterval: UNREAD_POLL_MS,
  });
}

/** The inbox, newest first, page by page. */
export function useInbox() {
  return useInfiniteQuery({
    queryKey: [...KEY, 'inbox'],
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/notifications', { params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/notifications/read-all')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
