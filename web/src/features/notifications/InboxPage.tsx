import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { type InboxNotification, useInbox, useMarkAllRead, useMarkRead } from './api.ts';

// Only a path of this app, never another site, whatever a notification carries: browsers read
// `//host` and `/\host` as other origins.
const appPath = (link: string | null) => (link && /^\/(?![/\\])/.test(link) ? link : undefined);

function Item({ n }: { n: InboxNotification }) {
  const { t } = useTranslation('notifications');
  const format = useFormat();
  const markRead = useMarkRead();
  const unread = n.read_at === null;
  const link = appPath(n.link);
  return (
    <Paper withBorder p="md" component="li" bg={unread ? 'blue.0' : undefined}>
      <Group gap="xs">
        <Text fw={unread ? 700 : 500} component="h2" size="md">
          {n.title}
        </Text>
        {unread && (
          <Badge size="sm" color="blue.8">
            {t('unread')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {format.dateTime(n.created_at)}
      </Text>
      <Text mt="xs">{n.body}</Text>
      {(unread || link) && (
        <Group mt="sm" gap="md">
          {unread && (
            <Button size="xs" variant="default" loading={markRead.isPending} onClick={() => markRead.mutate(n.id)}>
              {t('markRead')}
            </Button>
          )}
          {link && (
            <Anchor component={Link} to={link} size="sm">
              {t('open')}
            </Anchor>
          )}
        </Group>
      )}
      {markRead.isError && <ProblemAlert error={markRead.error} />}
    </Paper>
  );
}

/** The inbox: newest first, unread ones marked, one or all marked read. */
export function InboxPage() {
  const { t } = useTranslation('notifications');
  const { t: common } = useTranslation('common');
  const inbox = useInbox();
  const markAll = useMarkAllRead();
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = inbox.data?.pages[0]?.unread_count ?? 0;
  return (
    <>
      <Group justify="space-between" align="center" wrap="wrap" mb="md">
        <PageTitle mb={0}>{t('title')}</PageTitle>
        {unread > 0 && (
          <Button variant="default" loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('markAllRead')}
          </Button>
        )}
      </Group>
      {markAll.isError && <ProblemAlert error={markAll.error} />}
      {inbox.isPending && <Loading />}
      {inbox.isError && <ProblemAlert error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.isSuccess && items.length === 0 && <Text>{t('empty')}</Text>}
      {items.length > 0 && (
        <>
          <Text size="sm" c="dimmed" mb="sm" role="status">
            {t('unreadSummary', { count: unread })}
          </Text>
          <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((n) => (
              <Item key={n.id} n={n} />
            ))}
          </Stack>
        </>
      )}
      {inbox.hasNextPage && (
        <Button variant="default" mt="md" loading={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>
          {common('loadMore')}
        </Button>
      )}
    </>
  );
}
