import { Alert, Anchor, Loader, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useVerification } from './api.ts';
import { ChecksList } from './ChecksList.tsx';

const COLORS = { pending: 'blue', verified: 'teal', rejected: 'red', needs_review: 'yellow' } as const;

/** The live status of a verification: pending → verified / rejected / under review, each check, what to do next. */
export function KbisStatusPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('kbis');
  const format = useFormat();
  const v = useVerification(id);
  return (
    <>
      <Anchor component={Link} to="/kbis" size="sm">
        ← {t('title')}
      </Anchor>
      <PageTitle>{t('statusTitle')}</PageTitle>
      {v.isPending && <Loading />}
      {v.isError && <ProblemAlert error={v.error} />}
      {v.data && (
        <Stack maw={640}>
          <Alert color={COLORS[v.data.status]} title={t(`status.${v.data.status}`)} icon={v.data.status === 'pending' ? <Loader size="xs" /> : undefined} role="status" aria-live="polite">
            {t(`next.${v.data.status}`)}
          </Alert>
          <Text size="sm" c="dimmed">
            {t('submittedAt', { at: format.dateTime(v.data.submittedAt) })}
          </Text>
          {v.data.reasons.map((r) => (
            <Text key={r}>{t(`reason.${r}`, { defaultValue: r })}</Text>
          ))}
          {v.data.checks.length > 0 && (
            <Paper withBorder p="md">
              <Text fw={500} mb="xs">
                {t('checks')}
              </Text>
              <ChecksList checks={v.data.checks} />
            </Paper>
          )}
        </Stack>
      )}
    </>
  );
}
