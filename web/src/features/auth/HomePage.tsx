import { Alert, Paper, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { session } from '../../app/auth/session.ts';
import { useMe, useSignedIn } from '../../app/auth/use-session.ts';
import { features } from '../../app/features.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { PublicLayout } from '../../app/shell/PublicLayout.tsx';
import { RegisterForm } from './RegisterForm.tsx';
import { SignInForm } from './SignInForm.tsx';

/** The page a signed-out visitor was sent here from (set by the signed-in layout; always a path of this app). */
function returnPath(state: unknown): string | undefined {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : undefined;
}

function SignedInHome() {
  const me = useMe();
  const back = returnPath(useLocation().state);
  if (me.isPending) return <Loading />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (back) return <Navigate to={back} replace />;
  const home = features.map((f) => f.homeFor?.[me.data.role]).find(Boolean) ?? '/account';
  return <Navigate to={home} replace />;
}

/** `/`: signed out, sign in or create an account; signed in, the role's first page. */
export function HomePage() {
  const signedIn = useSignedIn();
  const { t } = useTranslation('auth');
  const { t: common } = useTranslation('common');
  // Read once: the message stays while the user reads it, and is gone on the next visit.
  const [reason] = useState(() => session.peekReason());
  useEffect(() => void session.takeReason(), []);
  if (signedIn) return <SignedInHome />;
  return (
    <PublicLayout>
      <PageTitle>{t('title')}</PageTitle>
      <Text mb="lg">{t('intro')}</Text>
      {reason && (
        <Alert color={reason === 'expired' ? 'orange' : 'blue'} variant="light" mb="md" role="status">
          {common(reason === 'expired' ? 'session.expired' : 'session.signedOut')}
        </Alert>
      )}
      <Paper withBorder p="md" maw={520}>
        <Tabs defaultValue="sign-in">
          <Tabs.List grow mb="md">
            <Tabs.Tab value="sign-in">{t('tabs.signIn')}</Tabs.Tab>
            <Tabs.Tab value="register">{t('tabs.register')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="sign-in">
            <SignInForm />
          </Tabs.Panel>
          <Tabs.Panel value="register">
            <RegisterForm />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </PublicLayout>
  );
}
