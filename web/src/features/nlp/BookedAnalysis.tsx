import { Blockquote, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CATEGORY_LABELS, URGENCY_MEANINGS } from '../../../../src/modules/nlp/analysis/taxonomy.ts';
import { useAnalysis } from './api.ts';

/**
 * What the owner wrote and what was understood, as the garage sees it on a booking. An analysis
 * it may not read (or one gone) shows nothing rather than an error on every booking.
 */
export function BookedAnalysis({ id }: { id: string }) {
  const { t, i18n } = useTranslation('nlp');
  const analysis = useAnalysis(id);
  if (!analysis.data) return null;
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const a = analysis.data;
  return (
    <Blockquote p="xs" mt={4} color={a.urgency === 'critical' ? 'red' : 'gray'} aria-label={t('ownerWrote')}>
      <Text size="xs" fs="italic">« {a.text} »</Text>
      <Text size="xs" mt={4}>
        {CATEGORY_LABELS[lang][a.category]} · {URGENCY_MEANINGS[lang][a.urgency]}
      </Text>
    </Blockquote>
  );
}
