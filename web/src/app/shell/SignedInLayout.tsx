import { Anchor, AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Navigate, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { session } from '../auth/session.ts';
import { useMe, useSignedIn } from '../auth/use-session.ts';
import { features } from '../features.ts';
import type { Role } from '../feature.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Loading } from './Loading.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { SkipLink } from './SkipLink.tsx';

function Navigation({ role, onNavigate }: { role: Role; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const entries = features.flatMap((f) => (f.nav ?? []).filter((n) => n.roles.includes(role)).map((n) => ({ ...n, ns: f.id })));
  // One entry lit: the one whose path is the longest prefix of the page's (/vehicles/scan is
  // "Ajouter par photo", not also "Mes véhicules").
  const matches = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  const current = entries.filter((e) => matches(e.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <nav aria-label={t('common:mainNavigation')}>
      {entries.map((e) => (
        <NavLink
          key={e.to}
          component={RouterNavLink}
          to={e.to}
          label={t(`${e.ns}:${e.label}`)}
          variant="filled"
          active={e.to === current}
          onClick={onNavigate}
        />
      ))}
    </nav>
  );
}

/** The frame of every signed-in page: header, navigation by role, and the page. */
export function SignedInLayout() {
  const signedIn = useSignedIn();
  const location = useLocation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { t } = useTranslation('common');
  // Sent to sign in from a deep link (a shared booking link, an expired session): come back here
  // afterwards. Someone who signed out on purpose starts again from their home page.
  if (!signedIn) return <Navigate to="/" replace state={session.peekReason() === 'signed-out' ? null : { from: `${location.pathname}${location.search}` }} />;
  if (me.isPending) return <Loading />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  const role = me.data.role;
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? t('closeMenu') : t('openMenu')} aria-expanded={opened} />
            <Anchor component={RouterNavLink} to="/" fw={700} size="lg" underline="never">
              {t('appName')}
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="xs">
              {t(`roles.${role}`)}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {features.flatMap((f) => f.headerItems ?? []).map((Item, i) => (
              <Item key={i} />
            ))}
            <LanguageSwitch compact />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Navigation role={role} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
