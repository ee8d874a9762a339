import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { type Link, type ReportRow, useLinks, useOffers, useReport, useSetLinkDisabled } from './api.ts';
import { LinkForm } from './LinkForm.tsx';
import { lastDays, useNumbers } from './money.ts';
import { AffiliationProblem, refusalOf } from './problem.tsx';
import { ShortLink } from './ShortLink.tsx';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text fw={600} component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

function LinkCard({ link, partnerName, stats, isNew }: { link: Link; partnerName: string; stats: ReportRow | undefined; isNew: boolean }) {
  const { t } = useTranslation('affiliation');
  const numbers = useNumbers();
  const toggle = useSetLinkDisabled();
  return (
    <Paper component="li" withBorder p="sm" style={isNew ? { borderColor: 'var(--mantine-color-teal-7)', borderWidth: 2 } : undefined}>
      <Group justify="space-between" wrap="wrap" align="flex-start" mb={4}>
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>
            {partnerName}
            {link.campaign ? ` · ${link.campaign}` : ''}
          </Text>
          <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {link.url}
          </Text>
        </div>
        {link.disabled && (
          <Badge color="gray.8" variant="filled">
            {t('disabled')}
          </Badge>
        )}
      </Group>
      <ShortLink url={link.shortUrl} title={partnerName} />
      <SimpleGrid component="dl" cols={3} mt="xs" mb={0} aria-label={`${t('last30')} : ${link.code}`}>
        <Figure label={t('clicks')} value={numbers.count(stats?.clicks ?? 0)} />
        <Figure label={t('conversions')} value={numbers.count(stats?.conversions ?? 0)} />
        <Figure label={t('commission')} value={numbers.money(stats?.commission ?? 0, stats?.currency ?? 'EUR')} />
      </SimpleGrid>
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          {t('last30')}
        </Text>
        <Button size="xs" variant="subtle" loading={toggle.isPending} onClick={() => toggle.mutate({ code: link.code, disabled: !link.disabled })}>
          {link.disabled ? t('enable') : t('disable')}
        </Button>
      </Group>
      {toggle.isError && <AffiliationProblem error={toggle.error} />}
    </Paper>
  );
}

/** A verified pro's tracked links: make one for a partner offer, copy or share its short link, its clicks and commissions. */
export function LinksPage() {
  const { t } = useTranslation('affiliation');
  const offers = useOffers();
  const links = useLinks();
  const [range] = useState(() => lastDays(30));
  const report = useReport(range, 'link');
  const [created, setCreated] = useState<Link | null>(null);
  const partnerName = (id: string) => offers.data?.items.find((o) => o.id === id)?.name ?? '';
  const stats = new Map((report.data?.rows ?? []).map((r) => [r.key, r]));
  const refused = refusalOf(offers.error, links.error, report.error);
  if (refused)
    return (
      <>
        <PageTitle>{t('linksTitle')}</PageTitle>
        <AffiliationProblem error={refused} />
      </>
    );
  return (
    <>
      <PageTitle>{t('linksTitle')}</PageTitle>
      <Text mb="md" maw={720}>
        {t('linksIntro')}
      </Text>
      <Title order={2} size="h3" mb="sm">
        {t('newLink')}
      </Title>
      {offers.isPending && <Loading />}
      {offers.isError && <AffiliationProblem error={offers.error} onRetry={() => void offers.refetch()} />}
      {offers.isSuccess && offers.data.items.length === 0 && <Text>{t('noOffer')}</Text>}
      {offers.isSuccess && offers.data.items.length > 0 && <LinkForm offers={offers.data.items} onCreated={setCreated} />}
      {created && (
        <Alert color="teal" role="status" mt="md" maw={640}>
          {t('linkCreated')} {created.shortUrl}
        </Alert>
      )}
      <Title order={2} size="h3" mt="xl" mb="sm">
        {t('yourLinks')}
      </Title>
      {links.isPending && <Loading />}
      {links.isError && <AffiliationProblem error={links.error} onRetry={() => void links.refetch()} />}
      {report.isError && <AffiliationProblem error={report.error} />}
      {links.isSuccess && links.data.items.length === 0 && <Text>{t('noLink')}</Text>}
      <Stack component="ul" p={0} m={0} gap="sm" maw={760} style={{ listStyle: 'none' }}>
        {links.data?.items.map((l) => (
          <LinkCard key={l.id} link={l} partnerName={partnerName(l.partnerId)} stats={stats.get(l.id)} isNew={l.id === created?.id} />
        ))}
      </Stack>
    </>
  );
}
