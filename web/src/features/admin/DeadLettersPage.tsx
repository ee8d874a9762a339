import { Alert, Button, Code, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client.ts';
import { unwrap } from '../../app/api/problem.ts';
import type { components } from '../../app/api/schema.gen.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';

type DeadLetter = components['schemas']['DeadLetter'];
const KEY = ['admin', 'dead-letters'] as const;

function DeadLetterItem({ d, onReplay, replaying }: { d: DeadLetter; onReplay: () => void; replaying: boolean }) {
  const { t } = useTranslation('admin');
  const format = useFormat();
  return (
    <Paper withBorder p="md" component="li">
      <Text fw={700} component="h2" size="md">
        {d.event.type}
      </Text>
      <Text size="sm">
        {t('subscription')} <Code>{d.subscription}</Code>
      </Text>
      <Text size="sm" c="dimmed">
        {t('failedAt')} {format.dateTime(d.failed_at)} · {t('attempts', { count: d.attempts })}
      </Text>
      <Text size="sm" mt="xs">
        {t('lastError')}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {d.last_error}
      </Code>
      <Button size="sm" mt="sm" loading={replaying} onClick={onReplay} aria-label={t('replayLabel', { type: d.event.type, subscription: d.subscription })}>
        {t('replay')}
      </Button>
    </Paper>
  );
}

/** Admin: event deliveries that exhausted their retries, each replayable. */
export function DeadLettersPage() {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation('common');
  const queryClient = useQueryClient();
  const letters = useInfiniteQuery({
    queryKey: KEY,
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/admin/dead-letters', { params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  const replay = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/admin/dead-letters/{id}/replay', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const items = letters.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <Text mb="md" maw={720}>
        {t('intro')}
      </Text>
      {replay.isSuccess && (
        <Alert color="green" variant="light" role="status" mb="md">
          {t('replayed')}
        </Alert>
      )}
      {replay.isError && <ProblemAlert error={replay.error} />}
      {letters.isPending && <Loading />}
      {letters.isError && <ProblemAlert error={letters.error} onRetry={() => void letters.refetch()} />}
      {letters.isSuccess && items.length === 0 && <Text>{t('empty')}</Text>}
      {items.length > 0 && (
        <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((d) => (
            <DeadLetterItem key={d.id} d={d} replaying={replay.isPending && replay.variables === d.id} onReplay={() => replay.mutate(d.id)} />
          ))}
        </Stack>
      )}
      {letters.hasNextPage && (
        <Button variant="default" mt="md" loading={letters.isFetchingNextPage} onClick={() => void letters.fetchNextPage()}>
          {common('loadMore')}
        </Button>
      )}
    </>
  );
}
