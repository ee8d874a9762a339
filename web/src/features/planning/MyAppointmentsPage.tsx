import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { PlanningProblem } from './PlanningProblem.tsx';
import { useAct, useAppointments, type AppointmentStatus } from './api.ts';
import { StartPicker } from './StartPicker.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const OPEN: AppointmentStatus[] = ['held', 'requested', 'confirmed', 'proposed'];

/** "Mes rendez-vous": the owner's appointments, with cancel, reschedule and accepting a proposal. */
export function MyAppointmentsPage() {
  const { t } = useTranslation('planning');
  const { dateTime } = useFormat();
  const booked = (useLocation().state as { booked?: boolean } | null)?.booked;
  const list = useAppointments();
  const act = useAct();
  const [moving, setMoving] = useState<string | null>(null);
  // What is still to come first, soonest first; then what is over (done, cancelled, declined), latest first.
  const items = [...(list.data?.items ?? [])].sort((a, b) => {
    const openA = OPEN.includes(a.status);
    const openB = OPEN.includes(b.status);
    if (openA !== openB) return openA ? -1 : 1;
    return openA ? a.start.localeCompare(b.start) : b.start.localeCompare(a.start);
  });
  return (
    <>
      <PageTitle>{t('mineTitle')}</PageTitle>
      {booked && <Alert color="green" variant="light" role="status" mb="md">{t('booked')}</Alert>}
      {list.isPending && <Loading />}
      {list.isError && <PlanningProblem error={list.error} onRetry={() => void list.refetch()} />}
      {act.isError && <PlanningProblem error={act.error} />}
      {list.isSuccess && items.length === 0 && <Text>{t('mineEmpty')}</Text>}
      <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }} maw={720}>
        {items.map((a) => (
          <Card component="li" withBorder key={a.id} padding="sm">
            <Group justify="space-between" wrap="wrap" mb="xs">
              <Text fw={600}>{dateTime(a.start)} — {a.service}</Text>
              <StatusBadge status={a.status} />
            </Group>
            <Text size="sm">{a.proName}</Text>
            {a.notes && <Text size="sm" c="dimmed">{t('yourNote', { note: a.notes })}</Text>}
            {a.proposedStart && <Text size="sm">{t('proposedAt', { when: dateTime(a.proposedStart) })}</Text>}
            {a.declineReason && <Text size="sm">{t('declinedBecause', { reason: a.declineReason })}</Text>}
            <Group mt="xs" wrap="wrap">
              {a.status === 'proposed' && <Button size="xs" onClick={() => act.mutate({ id: a.id, action: 'accept' })}>{t('accept')}</Button>}
              {(a.status === 'requested' || a.status === 'confirmed') && <Button size="xs" variant="default" onClick={() => setMoving(moving === a.id ? null : a.id)}>{t('reschedule')}</Button>}
              {['requested', 'confirmed', 'proposed'].includes(a.status) && (
                <Button size="xs" color="red" variant="light" onClick={() => act.mutate({ id: a.id, action: 'cancel' })}>{t('cancel')}</Button>
              )}
            </Group>
            {moving === a.id && <StartPicker label={t('newStart')} loading={act.isPending} onPick={(start) => act.mutate({ id: a.id, action: 'reschedule', body: { start } }, { onSuccess: () => setMoving(null) })} />}
          </Card>
        ))}
      </Stack>
    </>
  );
}
