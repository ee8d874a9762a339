import { Alert, Button, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client.ts';
import { unwrap } from '../../app/api/problem.ts';
import { ME_QUERY_KEY } from '../../app/auth/use-session.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { PublicLayout } from '../../app/shell/PublicLayout.tsx';

/** `/verify-email?token=…`, the link of the verification email: confirms the address once. */
export function VerifyEmailPage() {
  const { t } = useTranslation('auth');
  const token = useSearchParams()[0].get('token') ?? '';
  const queryClient = useQueryClient();
  // A query, not a mutation: one request per token however often the page renders (a token works once).
  const verify = useQuery({
    queryKey: ['verify-email', token],
    queryFn: () => unwrap(api.POST('/v1/auth/verify-email', { body: { token } })),
    enabled: token !== '',
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (verify.isSuccess) void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  }, [verify.isSuccess, queryClient]);
  return (
    <PublicLayout>
      <PageTitle>{t('verify.title')}</PageTitle>
      {!token && <Text>{t('verify.missing')}</Text>}
      {verify.isLoading && <Loading />}
      {verify.isError && <ProblemAlert error={verify.error} />}
      {verify.isSuccess && (
        <>
          <Alert color="green" variant="light" role="status" mb="md">
            {t('verify.done', { email: verify.data.email })}
          </Alert>
          <Button component={Link} to="/">
            {t('verify.continue')}
          </Button>
        </>
      )}
    </PublicLayout>
  );
}
