import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useSignOut } from '../../app/auth/use-session.ts';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { EmailVerification } from './EmailVerification.tsx';
import { NotificationPreferences } from './NotificationPreferences.tsx';

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb={hint ? 4 : 'sm'} id={id}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** Who you are, your language, your email notifications, and signing out. */
export function AccountPage() {
  const { t } = useTranslation('account');
  const { t: common } = useTranslation('common');
  const me = useMe().data!; // the signed-in layout renders its pages once /v1/me answered
  const signOut = useMutation({ mutationFn: useSignOut() });
  const org = me.organisation;
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <Stack maw={720}>
        <Section title={t('profile')}>
          <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} m={0}>
            <Fact label={t('name')}>{me.name ?? '—'}</Fact>
            <Fact label={t('email')}>
              {me.email ?? '—'}
              <EmailVerification verified={me.emailVerified} />
            </Fact>
            <Fact label={t('role')}>{common(`roles.${me.role}`)}</Fact>
            {org && <Fact label={t('company')}>{`${org.name} (SIREN ${org.siren}, ${t(`verification.${org.verification}`)})`}</Fact>}
          </SimpleGrid>
        </Section>
        <Section title={t('language')} hint={t('languageHint')}>
          <LanguageSwitch />
        </Section>
        <Section title={t('preferences')} hint={t('preferencesHint')}>
          <NotificationPreferences />
        </Section>
        <Section title={t('signOutTitle')}>
          <Button variant="outline" color="red.8" loading={signOut.isPending} onClick={() => signOut.mutate()}>
            {t('signOut')}
          </Button>
        </Section>
      </Stack>
    </>
  );
}
