import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SERVICES } from '../../../../src/modules/nlp/analysis/service-catalogue.ts';
import { CATEGORY_LABELS, URGENCY_MEANINGS, type Urgency } from '../../../../src/modules/nlp/analysis/taxonomy.ts';
import type { Analysis } from './api.ts';
import { bookingLink } from './booking-link.ts';
import { COMPONENT_LABELS } from './component-labels.ts';

const URGENCY_COLOURS: Record<Urgency, string> = { critical: 'red.9', high: 'orange.9', medium: 'yellow.4', low: 'green.9' };
// A mark beside the words (which say the level): more marks, more urgent.
const URGENCY_MARKS: Record<Urgency, string> = { critical: '!!!', high: '!!', medium: '!', low: '·' };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" fw={600} size="sm">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** The understanding shown back in plain words, in the page's language. */
export function AnalysisResult({ analysis, vehicleId }: { analysis: Analysis; vehicleId: string | null }) {
  const { t, i18n } = useTranslation('nlp');
  const heading = useRef<HTMLHeadingElement>(null);
  // A new answer: bring it into view (on a phone it is below the form) and start reading there.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [analysis.id]);
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const e = analysis.entities;
  const percent = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent' }).format(analysis.categoryScores[analysis.category]);
  const km = e.mileageKm === null ? null : new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR').format(e.mileageKm);
  const vehicle = [e.make, e.model, e.year === null ? null : `(${e.year})`].filter(Boolean).join(' ');
  const nothing = e.dtcCodes.length + e.warningLights.length + e.components.length === 0 && km === null && !vehicle;
  return (
    <Paper withBorder p="md" mt="lg" maw={720} component="section" aria-labelledby="nlp-understood">
      <Title order={2} size="h3" mb="sm" id="nlp-understood" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        {t('understood')}
      </Title>
      {analysis.urgency === 'critical' && (
        <Alert color="red" variant="filled" role="alert" mb="md" title={t('doNotDrive')}>
          {URGENCY_MEANINGS[lang].critical}
        </Alert>
      )}
      <Stack component="dl" gap="sm" m={0}>
        <Row label={t('category')}>
          {CATEGORY_LABELS[lang][analysis.category]}{' '}
          <Text span c="dimmed" size="sm">
            ({t('probability', { percent })})
          </Text>
        </Row>
        <Row label={t('urgency')}>
          <Group component="span" gap={6} wrap="nowrap" align="center">
            <Badge component="span" color={URGENCY_COLOURS[analysis.urgency]} variant="filled" autoContrast aria-hidden="true" circle style={{ flexShrink: 0 }}>
              {URGENCY_MARKS[analysis.urgency]}
            </Badge>
            <span>{URGENCY_MEANINGS[lang][analysis.urgency]}</span>
          </Group>
        </Row>
        <Row label={t('found')}>
          {nothing ? (
            t('nothingFound')
          ) : (
            <List size="sm" spacing={2} component="ul">
              {e.dtcCodes.length > 0 && <List.Item>{t('entry', { label: t('dtcCodes'), value: e.dtcCodes.join(', ') })}</List.Item>}
              {km !== null && <List.Item>{t('entry', { label: t('mileage'), value: t('mileageValue', { km }) })}</List.Item>}
              {e.warningLights.length > 0 && <List.Item>{t('entry', { label: t('warningLights'), value: e.warningLights.map((l) => t(`lights.${l}`)).join(', ') })}</List.Item>}
              {vehicle && <List.Item>{t('entry', { label: t('vehicleFound'), value: vehicle })}</List.Item>}
              {e.components.length > 0 && <List.Item>{t('entry', { label: t('components'), value: e.components.map((c) => COMPONENT_LABELS[lang][c]).join(', ') })}</List.Item>}
            </List>
          )}
        </Row>
        <Row label={t('services')}>
          <List size="sm" spacing={2} component="ul">
            {analysis.suggestedServices.map((s) => (
              <List.Item key={s.code}>
                {SERVICES[s.code].label[lang]}{' '}
                <Text span c="dimmed" size="sm">
                  ({t('duration', { minutes: s.durationMin })})
                </Text>
              </List.Item>
            ))}
          </List>
        </Row>
        <Row label={t('explanation')}>{analysis.explanation}</Row>
      </Stack>
      <Group mt="md">
        <Button component={Link} to={bookingLink(analysis, vehicleId)}>
          {t('book')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mt="xs">
        {t('bookHint')}
      </Text>
    </Paper>
  );
}
