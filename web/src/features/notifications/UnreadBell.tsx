import { Badge, Button } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from './api.ts';

/** The header's way to the inbox, with the unread count (read out in words). */
export function UnreadBell() {
  const { t } = useTranslation('notifications');
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <Button
      component={Link}
      to="/notifications"
      variant="subtle"
      size="compact-sm"
      aria-label={t('unreadLink', { count })}
      rightSection={count > 0 ? <Badge size="sm" color="red.8" circle={count < 10}>{count}</Badge> : undefined}
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
    </Button>
  );
}
