import { Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client.ts';
import { unwrap } from '../../app/api/problem.ts';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';

/** Whether the address is confirmed; if not, a way to get the link again. */
export function EmailVerification({ verified }: { verified: boolean }) {
  const { t } = useTranslation('account');
  const resend = useMutation({ mutationFn: () => unwrap(api.POST('/v1/me/verify-email')) });
  if (verified) return <Text size="sm">{t('emailVerified')}</Text>;
  return (
    <>
      <Group gap="sm" mt={4}>
        <Text size="sm">{t('emailNotVerified')}</Text>
        {!resend.isSuccess && (
          <Button size="compact-sm" variant="default" loading={resend.isPending} onClick={() => resend.mutate()}>
            {t('resendLink')}
          </Button>
        )}
      </Group>
      {resend.isSuccess && (
        <Text size="sm" role="status">
          {t('linkSent')}
        </Text>
      )}
      {resend.isError && <ProblemAlert error={resend.error} />}
    </>
  );
}
