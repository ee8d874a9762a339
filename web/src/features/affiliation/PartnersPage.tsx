import { Anchor, Badge, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { type PartnerWithSecret, usePartners } from './api.ts';
import { useCommissionText } from './commission-text.ts';
import { PartnerForm } from './PartnerForm.tsx';
import { AffiliationProblem } from './problem.tsx';
import { SecretPanel } from './SecretPanel.tsx';

/** Admin: the affiliate partners, and a form to add one (its secret then shown once). */
export function PartnersPage() {
  const { t } = useTranslation('affiliation');
  const partners = usePartners();
  const commissionText = useCommissionText();
  const [created, setCreated] = useState<PartnerWithSecret | null>(null);
  return (
    <>
      <PageTitle>{t('partnersTitle')}</PageTitle>
      <Text mb="md" maw={720}>
        {t('partnersIntro')}
      </Text>
      {created && <SecretPanel partner={created} />}
      <Title order={2} size="h3" mb="sm">
        {t('newPartner')}
      </Title>
      <PartnerForm onCreated={setCreated} />
      <Title order={2} size="h3" mt="xl" mb="sm">
        {t('navPartners')}
      </Title>
      {partners.isPending && <Loading />}
      {partners.isError && <AffiliationProblem error={partners.error} onRetry={() => void partners.refetch()} />}
      {partners.isSuccess && partners.data.items.length === 0 && <Text>{t('noPartner')}</Text>}
      <Stack component="ul" p={0} m={0} gap="xs" maw={760} style={{ listStyle: 'none' }}>
        {partners.data?.items.map((p) => (
          <Paper component="li" key={p.id} withBorder p="sm">
            <Group justify="space-between" wrap="wrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{p.name}</Text>
                <Text size="sm" style={{ wordBreak: 'break-word' }}>
                  {p.domains.join(', ')}
                </Text>
                <Text size="sm">
                  {commissionText(p.commission, p.currency)} · {t('windowText', { days: p.attributionWindowDays })}
                </Text>
              </div>
              <Group gap="xs">
                <Badge color={p.postbackMapping ? 'teal.9' : 'gray.7'} variant="filled">
                  {p.postbackMapping ? t('mappingSet') : t('mappingMissing')}
                </Badge>
                <Anchor component={Link} to={`/admin/affiliation/partners/${p.id}`}>
                  {t('manage')}
                  <VisuallyHidden> {p.name}</VisuallyHidden>
                </Anchor>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
