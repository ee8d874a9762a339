import { Alert, Anchor, Loader, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { type KbisVerification, useVerification } from './api.ts';
import { ChecksList } from './ChecksList.tsx';

const COLORS = { pending: 'blue', verified: 'teal', rejected: 'red', needs_review: 'yellow' } as const;

/**
 * The checks the pro is shown: whether the account holder is a listed manager is for admins
 * (a Kbis is public), unless it decided the outcome.
 */
const proChecks = (v: KbisVerification) => v.checks.filter((c) => c.code !== 'REPRESENTATIVE_LISTED' || (c.reason !== undefined && v.reasons.includes(c.reason)));

/** Where the verification stands, and what the pro does next. */
function StatusAlert({ status }: { status: KbisVerification['status'] }) {
  const { t } = useTranslation('kbis');
  return (
    <Alert color={COLORS[status]} icon={status === 'pending' ? <Loader size="xs" /> : undefined} role="status" aria-live="polite">
      {/* The status in the body's colour: Mantine's tinted titles are too pale to read on yellow or teal. */}
      <Text fw={700}>{t(`status.${status}`)}</Text>
      <Text size="sm">{t(`next.${status}`)}</Text>
    </Alert>
  );
}

/** The live status of a verification: pending → verified / rejected / under review, each check, what to do next. */
export function KbisStatusPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('kbis');
  const format = useFormat();
  const v = useVerification(id);
  const justSent = (useLocation().state as { sent?: boolean } | null)?.sent === true;
  return (
    <>
      <Anchor component={Link} to="/kbis" size="sm">
        ← {t('title')}
      </Anchor>
      <PageTitle>{t('statusTitle')}</PageTitle>
      {v.isPending &&
        (justSent ? (
          <Stack maw={640}>
            <StatusAlert status="pending" />
          </Stack>
        ) : (
          <Loading />
        ))}
      {v.isError && <ProblemAlert error={v.error} />}
      {v.data && (
        <Stack maw={640}>
          <StatusAlert status={v.data.status} />
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
              <ChecksList checks={proChecks(v.data)} audience="pro" />
            </Paper>
          )}
        </Stack>
      )}
    </>
  );
}
