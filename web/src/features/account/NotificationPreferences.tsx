import { Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client.ts';
import { unwrap } from '../../app/api/problem.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';

const KEY = ['notification-preferences'] as const;

/** Email on/off per notification kind; each switch saves at once. */
export function NotificationPreferences() {
  const { t } = useTranslation('account');
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/v1/me/notification-preferences')) });
  const save = useMutation({
    mutationFn: (email: Record<string, boolean>) => unwrap(api.PUT('/v1/me/notification-preferences', { body: { email } })),
    onSuccess: (view) => queryClient.setQueryData(KEY, view),
  });
  if (prefs.isPending) return <Loading />;
  if (prefs.isError) return <ProblemAlert error={prefs.error} onRetry={() => void prefs.refetch()} />;
  const { kinds, email } = prefs.data;
  if (kinds.length === 0) return <Text>{t('noKinds')}</Text>;
  return (
    <Stack gap="sm">
      {kinds.map((k) => (
        <Switch
          key={k.kind}
          label={k.label}
          // Kinds left out of the preferences are on.
          checked={email[k.kind] ?? true}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ ...email, [k.kind]: e.currentTarget.checked })}
        />
      ))}
      {save.isSuccess && (
        <Text size="sm" role="status">
          {t('saved')}
        </Text>
      )}
      {save.isError && <ProblemAlert error={save.error} />}
    </Stack>
  );
}
