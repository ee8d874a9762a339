import { Alert, Button, Card, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { PlanningProblem } from './PlanningProblem.tsx';
import { useBook, useHold, useSlots, type Appointment, type Slot, type Urgency } from './api.ts';
import { PLACES, SERVICE_CODES } from './messages.ts';

/**
 * From a service (or an NLP analysis link, `?service=&analysisId=&urgency=&vehicleId=`) to the best slots
 * in a few taps: service, place, a slot (held while the owner confirms), send.
 */
export function FindSlotPage() {
  const { t } = useTranslation('planning');
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const analysisId = params.get('analysisId') ?? undefined;
  const urgency = (params.get('urgency') as Urgency | null) ?? undefined;
  const vehicleId = params.get('vehicleId') ?? undefined;
  const [service, setService] = useState<string>(params.get('service') ?? 'vidange');
  const [place, setPlace] = useState<string>(PLACES[0].label);
  const [here, setHere] = useState<{ lat: number; lon: number } | null>(null);
  const [query, setQuery] = useState<Parameters<typeof useSlots>[0]>(null);
  const [held, setHeld] = useState<{ slot: Slot; hold: Appointment } | null>(null);
  const [notes, setNotes] = useState('');
  const [bookKey] = useState(() => crypto.randomUUID());
  const slots = useSlots(query);
  const hold = useHold();
  const book = useBook(bookKey);

  const point = here ?? PLACES.find((p) => p.label === place) ?? PLACES[0];
  const search = () => setQuery({ service, lat: point.lat, lon: point.lon, urgency, analysisId });
  const locate = () => navigator.geolocation?.getCurrentPosition((pos) => setHere({ lat: pos.coords.latitude, lon: pos.coords.longitude }));
  const choose = (slot: Slot) => hold.mutate({ proId: slot.proId, service, start: slot.start }, { onSuccess: (h) => setHeld({ slot, hold: h }) });
  const send = () =>
    held &&
    book.mutate(
      { proId: held.slot.proId, service, start: held.slot.start, ...(notes.trim() ? { notes: notes.trim() } : {}), ...(analysisId ? { analysisId } : {}), ...(vehicleId ? { vehicleId } : {}) },
      { onSuccess: () => void navigate('/planning/appointments', { state: { booked: true } }) },
    );

  return (
    <>
      <PageTitle>{t('findTitle')}</PageTitle>
      {analysisId && urgency && <Alert mb="md" variant="light">{t('fromAnalysis', { urgency: t(`urgency.${urgency}`) })}</Alert>}
      {!held && (
        <Stack maw={640} mb="lg">
          <Select label={t('service')} data={SERVICE_CODES.map((c) => ({ value: c, label: c }))} value={service} onChange={(v) => v && setService(v)} allowDeselect={false} />
          <Group align="end" wrap="wrap">
            <Select label={t('place')} data={PLACES.map((p) => p.label)} value={here ? null : place} onChange={(v) => { if (v) { setPlace(v); setHere(null); } }} style={{ flex: 1, minWidth: 220 }} />
            <Button variant="default" onClick={locate}>{t('useMyPosition')}</Button>
          </Group>
          <Button onClick={search}>{t('search')}</Button>
        </Stack>
      )}
      {slots.isFetching && <Loading />}
      {slots.isError && <PlanningProblem error={slots.error} onRetry={() => void slots.refetch()} />}
      {hold.isError && <PlanningProblem error={hold.error} />}
      {!held && slots.data && slots.data.items.length === 0 && <Text>{t('noSlots')}</Text>}
      {!held && slots.data && slots.data.items.length > 0 && (
        <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }} maw={640}>
          {slots.data.items.map((s) => (
            <Card component="li" withBorder key={`${s.proId}-${s.start}`} padding="sm">
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Text fw={600}>{dateTime(s.start)}</Text>
                  <Text size="sm">{s.proName} — {s.address}</Text>
                  <Text size="sm" c="dimmed">
                    {t('slotLine', { distance: s.distanceKm.toLocaleString(), score: Math.round(s.score) })}
                    {s.priceEur !== null ? ` · ${t('price', { price: s.priceEur })}` : ''}
                  </Text>
                </div>
                <Button onClick={() => choose(s)} loading={hold.isPending && hold.variables?.start === s.start} aria-label={`${t('choose')} ${s.proName} ${dateTime(s.start)}`}>
                  {t('choose')}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {held && (
        <Card withBorder maw={640} padding="md">
          <Stack>
            <Alert variant="light" color="green" role="status">{t('heldUntil')}</Alert>
            <Text fw={600}>{dateTime(held.slot.start)} — {held.slot.proName}</Text>
            <Textarea label={t('notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
            {book.isError && <PlanningProblem error={book.error} />}
            <Group>
              <Button onClick={send} loading={book.isPending}>{t('book')}</Button>
              <Button variant="default" onClick={() => setHeld(null)}>{t('back')}</Button>
            </Group>
          </Stack>
        </Card>
      )}
    </>
  );
}
