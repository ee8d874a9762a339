import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { unwrap } from '../api/problem.ts';
import { ME_QUERY_KEY, useSignedIn } from '../auth/use-session.ts';
import { applyLocale, LOCALES, rememberSignedOutLocale, type Locale } from '../i18n/locale.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

/**
 * French / English. Signed in, the choice is saved on the account (PATCH /v1/me), so it follows
 * the user to any device; signed out, it is remembered on this device only.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation('common');
  const signedIn = useSignedIn();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: Locale) => unwrap(api.PATCH('/v1/me', { body: { locale } })),
    onSuccess: (me) => queryClient.setQueryData(ME_QUERY_KEY, me),
  });
  const change = (value: string) => {
    const locale = value as Locale;
    const previous = i18n.language as Locale;
    applyLocale(locale);
    if (!signedIn) rememberSignedOutLocale(locale);
    else save.mutate(locale, { onError: () => applyLocale(previous) });
  };
  return (
    <>
      <SegmentedControl
        aria-label={t('language')}
        size={compact ? 'xs' : 'sm'}
        value={i18n.language}
        onChange={change}
        disabled={save.isPending}
        data={LOCALES.map((l) => ({
          value: l,
          label: compact ? (
            <span lang={l}>
              <span aria-hidden="true">{l.toUpperCase()}</span>
              <VisuallyHidden>{t(`languages.${l}`)}</VisuallyHidden>
            </span>
          ) : (
            <span lang={l}>{t(`languages.${l}`)}</span>
          ),
        }))}
      />
      {save.isError && <ProblemAlert error={save.error} />}
    </>
  );
}
