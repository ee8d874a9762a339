import { Alert, Anchor, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useDecide, useReviewCase, type KbisReviewCase } from './api.ts';
import { ChecksList } from './ChecksList.tsx';

const FIELDS = ['siren', 'rcsCity', 'companyName', 'legalForm', 'shareCapital', 'registrationDate', 'currentTo', 'address', 'managers', 'activity', 'verificationCode'] as const;

/** A field as the greffe prints it: the capital in euros, dates in words, managers with their role. */
function show(field: (typeof FIELDS)[number], value: unknown, language: string): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((m: { name: string; role: string }) => `${m.name} (${m.role})`).join(', ');
  if (field === 'shareCapital' && typeof value === 'number') return new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(value);
  if ((field === 'registrationDate' || field === 'currentTo') && typeof value === 'string') return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));
  return String(value);
}

function Document({ c }: { c: KbisReviewCase }) {
  const { t } = useTranslation('kbis');
  if (!c.documentUrl) return <Text c="dimmed">{t('documentGone')}</Text>;
  // The app's CSP allows no plugins (object-src 'none'): a PDF opens in the browser's own viewer,
  // in a new tab; a scan or photo is shown here. The signed URL expires after 5 minutes:
  // reopening the case signs a new one.
  const isImage = /\.(png|jpe?g)$/i.test(new URL(c.documentUrl, window.location.origin).pathname);
  return (
    <Stack gap="xs" align="flex-start">
      {isImage ? <Image src={c.documentUrl} alt={t('document')} radius="sm" /> : <Text size="sm">{t('pdfHint')}</Text>}
      <Button component="a" href={c.documentUrl} target="_blank" rel="noopener" variant="default">
        {t('openDocument')}
      </Button>
    </Stack>
  );
}

/** Admins: one case — the document beside what was read, the checks, approve or reject with a comment. */
export function ReviewCasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('kbis');
  const format = useFormat();
  const c = useReviewCase(id);
  const decide = useDecide(id);
  const [comment, setComment] = useState('');
  return (
    <>
      <Anchor component={Link} to="/admin/kbis" size="sm">
        ← {t('queueTitle')}
      </Anchor>
      {c.isPending && <Loading />}
      {c.isError && <ProblemAlert error={c.error} />}
      {c.data && (
        <>
          <PageTitle>{t('caseTitle', { name: c.data.declaredName })}</PageTitle>
          <Text size="sm" mb="sm">
            {t('declared', { name: c.data.declaredName, siren: c.data.siren })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="md" style={{ alignSelf: 'start' }}>
              <Text fw={500} mb="xs">
                {t('document')}
              </Text>
              <Document c={c.data} />
            </Paper>
            <Stack>
              <Paper withBorder p="md">
                <Text fw={500} mb="xs">
                  {t('fields')}
                </Text>
                <SimpleGrid component="dl" cols={2} spacing={4} m={0}>
                  {FIELDS.map((f) => [
                    <Text key={`${f}-l`} component="dt" size="sm" c="dimmed">
                      {t(`field.${f}`)}
                    </Text>,
                    <Text key={`${f}-v`} component="dd" size="sm" m={0}>
                      {show(f, c.data.extracted?.[f], i18n.language)}
                    </Text>,
                  ])}
                </SimpleGrid>
              </Paper>
              <Paper withBorder p="md">
                <Text fw={500} mb="xs">
                  {t('checks')}
                </Text>
                <ChecksList checks={c.data.checks} audience="admin" />
              </Paper>
            </Stack>
          </SimpleGrid>
          <Stack maw={640} mt="md">
            <Textarea label={t('comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
            {decide.isError && <ProblemAlert error={decide.error} />}
            {decide.isSuccess && <Alert color="teal">{t('decided')}</Alert>}
            <Group>
              <Button color="teal.9" loading={decide.isPending} onClick={() => decide.mutate({ decision: 'verified', comment })}>
                {t('approve')}
              </Button>
              <Button color="red" variant="outline" loading={decide.isPending} onClick={() => decide.mutate({ decision: 'rejected', comment })}>
                {t('reject')}
              </Button>
            </Group>
            <Text fw={500}>{t('audit')}</Text>
            {c.data.audit.map((a) => (
              <Text key={`${a.at}-${a.actor}`} size="sm">
                {format.dateTime(a.at)} — {t(`status.${a.decision}`, { defaultValue: a.decision })} ({t(`actor.${a.actor.split(':')[0]}`, { defaultValue: a.actor })}){a.comment ? ` : ${a.comment}` : ''}
              </Text>
            ))}
          </Stack>
        </>
      )}
    </>
  );
}
