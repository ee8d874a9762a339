import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useReviewQueue } from './api.ts';

/** Admins: the verifications waiting for a person, oldest first. */
export function ReviewQueuePage() {
  const { t } = useTranslation('kbis');
  const format = useFormat();
  const queue = useReviewQueue();
  return (
    <>
      <PageTitle>{t('queueTitle')}</PageTitle>
      {queue.isPending && <Loading />}
      {queue.isError && <ProblemAlert error={queue.error} />}
      {queue.data?.items.length === 0 && <Text>{t('queueEmpty')}</Text>}
      <Stack maw={720}>
        {queue.data?.items.map((v) => (
          <Paper key={v.id} withBorder p="sm" data-testid="kbis-case">
            <Text fw={500}>
              {v.declaredName} — SIREN {v.siren}
            </Text>
            <Text size="sm" c="dimmed">
              {format.dateTime(v.submittedAt)} · {v.reasons.map((r) => t(`admin.reason.${r}`, { defaultValue: t(`reason.${r}`, { defaultValue: r }) })).join(' ')}
            </Text>
            <Anchor component={Link} to={`/admin/kbis/${v.id}`} size="sm">
              {t('open')}
            </Anchor>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
