import { Anchor, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { usePartners, useRotateSecret } from './api.ts';
import { useCommissionText } from './commission-text.ts';
import { MappingForm } from './MappingForm.tsx';
import { AffiliationProblem } from './problem.tsx';
import { SecretPanel } from './SecretPanel.tsx';

/** Admin: one partner — its rules, its secret rotation (the new one shown once), its GET postback mapping. */
export function PartnerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('affiliation');
  const format = useFormat();
  const commissionText = useCommissionText();
  const partners = usePartners();
  const rotate = useRotateSecret(id);
  const [confirming, setConfirming] = useState(false);
  const partner = partners.data?.items.find((p) => p.id === id);
  if (partners.isPending) return <Loading />;
  if (partners.isError) return <AffiliationProblem error={partners.error} onRetry={() => void partners.refetch()} />;
  if (!partner) return <Text>{t('partnerNotFound')}</Text>;
  return (
    <>
      <PageTitle>{t('partnerTitle', { name: partner.name })}</PageTitle>
      <Anchor component={Link} to="/admin/affiliation/partners" size="sm">
        {t('backToPartners')}
      </Anchor>
      <Paper withBorder p="sm" my="md" maw={760}>
        <Text style={{ wordBreak: 'break-word' }}>{partner.domains.join(', ')}</Text>
        <Text size="sm">
          {commissionText(partner.commission, partner.currency)} · {t('windowText', { days: partner.attributionWindowDays })} · {t('clickIdParam')} : <code>{partner.clickIdParam}</code>
        </Text>
      </Paper>

      <Title order={2} size="h3" mb="xs">
        {t('rotateTitle')}
      </Title>
      <Text size="sm" maw={720} mb="sm">
        {t('rotateIntro')} {rotate.data ? '' : t('secretHidden')}
      </Text>
      {rotate.data && <SecretPanel partner={rotate.data} />}
      {partner.previousSecretValidUntil && (
        <Text size="sm" mb="sm">
          {t('previousValid', { date: format.dateTime(partner.previousSecretValidUntil) })}
        </Text>
      )}
      {rotate.isError && <AffiliationProblem error={rotate.error} />}
      <Group mb="xl">
        {confirming ? (
          <>
            <Button color="red" loading={rotate.isPending} onClick={() => rotate.mutate(undefined, { onSettled: () => setConfirming(false) })}>
              {t('rotateConfirm')}
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </Button>
          </>
        ) : (
          <Button variant="outline" onClick={() => setConfirming(true)}>
            {t('rotate')}
          </Button>
        )}
      </Group>

      <Title order={2} size="h3" mb="xs">
        {t('mappingTitle')}
      </Title>
      <Text size="sm" maw={720} mb="sm">
        {t('mappingIntro')}
      </Text>
      <MappingForm partner={partner} />
    </>
  );
}
