import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../obd/CopyField.tsx';
import type { PartnerWithSecret } from './api.ts';

/** A partner's new postback secret and GET postback URL, shown once, each with a copy button. */
export function SecretPanel({ partner }: { partner: PartnerWithSecret }) {
  const { t } = useTranslation('affiliation');
  return (
    <Alert color="yellow" variant="light" role="status" my="md" maw={760}>
      <Text fw={700}>{t('secretTitle', { name: partner.name })}</Text>
      <Text size="sm" mb="sm">
        {t('secretOnce')}
      </Text>
      <Stack component="dl" gap="sm" m={0}>
        <CopyField label={t('secret')} value={partner.postbackSecret} />
        <CopyField label={t('getUrl')} value={partner.getPostbackUrl} />
      </Stack>
    </Alert>
  );
}
