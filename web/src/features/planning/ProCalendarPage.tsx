import { Anchor, Box, Button, Card, CopyButton, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { PlanningProblem } from './PlanningProblem.tsx';
import { BookedAnalysis } from '../nlp/BookedAnalysis.tsx';
import { useAct, useAppointments, useFeed, type Appointment } from './api.ts';
import { StartPicker } from './StartPicker.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const DAY = 86_400_000;

/** Monday 00:00 (device time, Paris for the app's users) of the week holding `date`. */
function mondayOf(date: Date): Date {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

/** The professional's week: bookings by day, each with the actions its state allows; the calendar feed link. */
export function ProCalendarPage() {
  const { t, i18n } = useTranslation('planning');
  const [monday, setMonday] = useState(() => mondayOf(new Date()));
  const sunday = new Date(monday.getTime() + 7 * DAY);
  const list = useAppointments({ from: monday.toISOString(), to: sunday.toISOString() });
  const act = useAct();
  const { feed, rotate } = useFeed();
  const day = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', day: 'numeric', month: 'long' });
  const days = Array.from({ length: 7 }, (_, i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i));
  const items = (list.data?.items ?? []).filter((a) => !['cancelled', 'declined', 'expired', 'held'].includes(a.status));
  return (
    <>
      <PageTitle>{t('calendarTitle')}</PageTitle>
      <Group mb="md" gap="xs" wrap="nowrap" justify="space-between" maw={640}>
        <Button variant="default" px="sm" aria-label={t('previousWeek')} onClick={() => setMonday(mondayOf(new Date(monday.getTime() - 3 * DAY)))}>
          ←<Box component="span" visibleFrom="sm" ml={6}>{t('previousWeek')}</Box>
        </Button>
        <Text fw={600} ta="center" aria-live="polite">{t('weekOf', { date: day.format(monday) })}</Text>
        <Button variant="default" px="sm" aria-label={t('nextWeek')} onClick={() => setMonday(mondayOf(new Date(monday.getTime() + 8 * DAY)))}>
          <Box component="span" visibleFrom="sm" mr={6}>{t('nextWeek')}</Box>→
        </Button>
      </Group>
      {list.isPending && <Loading />}
      {list.isError && <PlanningProblem error={list.error} onRetry={() => void list.refetch()} />}
      {act.isError && <PlanningProblem error={act.error} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="xl" maw={1100}>
        {days.map((d) => {
          const next = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
          const ofDay = items.filter((a) => new Date(a.start) >= d && new Date(a.start) < next).sort((a, b) => a.start.localeCompare(b.start));
          return (
            <Card withBorder key={d.toISOString()} padding={ofDay.length ? 'sm' : 'xs'} px="sm" component="section" aria-label={day.format(d)}>
              <Group justify="space-between" gap="xs" mb={ofDay.length ? 'xs' : 0}>
                <Title order={2} size="h5">{day.format(d)}</Title>
                {ofDay.length === 0 && list.isSuccess && <Text size="sm" c="dimmed">{t('dayEmpty')}</Text>}
              </Group>
              {ofDay.length > 0 && (
                <Stack gap="md">
                  {ofDay.map((a) => <Booking key={a.id} a={a} act={act} />)}
                </Stack>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
      <Card withBorder padding="md" component="section" aria-labelledby="feed-title" maw={760}>
        <Title order={2} size="h4" mb="xs" id="feed-title">{t('feedTitle')}</Title>
        <Text size="sm" mb="xs">{t('feedHint')}</Text>
        {feed.data && <TextInput readOnly label={t('feedLink')} value={feed.data.url} onFocus={(e) => e.currentTarget.select()} mb="xs" />}
        {feed.isError && <PlanningProblem error={feed.error} />}
        {rotate.isError && <PlanningProblem error={rotate.error} />}
        {rotate.isSuccess && <Text size="sm" role="status" mb="xs">{t('rotated')}</Text>}
        <Group gap="xs" wrap="wrap">
          {feed.data && (
            <CopyButton value={feed.data.url}>
              {({ copied, copy }) => <Button onClick={copy} color={copied ? 'teal.9' : undefined}>{copied ? t('copied') : t('copy')}</Button>}
            </CopyButton>
          )}
          <Button variant="default" loading={rotate.isPending} onClick={() => rotate.mutate()}>{t('rotate')}</Button>
        </Group>
      </Card>
    </>
  );
}

function Booking({ a, act }: { a: Appointment; act: ReturnType<typeof useAct> }) {
  const { t, i18n } = useTranslation('planning');
  const time = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' });
  const { dateTime } = useFormat();
  const [open, setOpen] = useState<'decline' | 'propose' | 'complete' | null>(null);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number | string>(() => Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000));
  const run = (action: string, body?: unknown) => act.mutate({ id: a.id, action, body }, { onSuccess: () => setOpen(null) });
  return (
    <Box component="article" aria-label={`${dateTime(a.start)} · ${a.service}`}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>{time.format(new Date(a.start))}–{time.format(new Date(a.end))} · {a.service}</Text>
        <StatusBadge status={a.status} />
      </Group>
      {a.notes && <Text size="xs">{a.notes}</Text>}
      {a.actualDurationMin !== null && <Text size="xs">{t('actualDurationWas', { minutes: a.actualDurationMin })}</Text>}
      {a.proposedStart && <Text size="xs">{t('proposedAt', { when: dateTime(a.proposedStart) })}</Text>}
      {a.analysisId && <BookedAnalysis id={a.analysisId} />}
      {a.vehicleId && (
        <Anchor component={Link} to={`/obd/vehicles/${a.vehicleId}`} size="xs">
          {t('vehicleData')}
        </Anchor>
      )}
      <Group gap="xs" mt={4} wrap="wrap">
        {a.status === 'requested' && <Button size="xs" onClick={() => run('confirm')} aria-label={`${t('confirm')} ${dateTime(a.start)}`}>{t('confirm')}</Button>}
        {['requested', 'confirmed', 'proposed'].includes(a.status) && <Button size="xs" variant="light" color="red" onClick={() => setOpen('decline')}>{t('decline')}</Button>}
        {['requested', 'confirmed'].includes(a.status) && <Button size="xs" variant="default" onClick={() => setOpen('propose')}>{t('propose')}</Button>}
        {a.status === 'confirmed' && <Button size="xs" variant="default" onClick={() => setOpen('complete')}>{t('complete')}</Button>}
      </Group>
      {open === 'decline' && (
        <Group align="end" mt="xs" wrap="wrap">
          <TextInput label={t('reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
          <Button size="xs" disabled={!reason.trim()} onClick={() => run('decline', { reason: reason.trim() })}>{t('send')}</Button>
        </Group>
      )}
      {open === 'propose' && <StartPicker label={t('newStart')} loading={act.isPending} onPick={(start) => run('propose', { start })} />}
      {open === 'complete' && (
        <Group align="end" mt="xs" wrap="wrap">
          <NumberInput label={t('actualDuration')} min={1} max={1440} value={minutes} onChange={setMinutes} maw={200} />
          <Button size="xs" onClick={() => run('complete', { actualDurationMin: Number(minutes) })}>{t('send')}</Button>
        </Group>
      )}
    </Box>
  );
}
