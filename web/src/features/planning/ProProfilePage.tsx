import { Alert, Button, Card, CloseButton, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { useProfile, useSaveProfile } from './api.ts';
import { PlanningProblem } from './PlanningProblem.tsx';
import { fromForm, toForm, WEEKDAY_KEYS, type ProfileForm, type RangeRow, type WeekdayKey } from './profile-form.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The workshop's profile: name, place, services, opening hours per weekday (several ranges), closures, capacity. */
export function ProProfilePage() {
  const { t } = useTranslation('planning');
  const profile = useProfile();
  const save = useSaveProfile();
  const [form, setForm] = useState<ProfileForm | null>(null);
  useEffect(() => {
    if (!form && (profile.isSuccess || profile.isError)) setForm(toForm(profile.data));
  }, [form, profile.isSuccess, profile.isError, profile.data]);
  if (!form) return <><PageTitle>{t('profileTitle')}</PageTitle><Loading /></>;
  const set = (patch: Partial<ProfileForm>) => {
    save.reset();
    setForm({ ...form, ...patch });
  };
  const field = (key: 'name' | 'address' | 'lat' | 'lon' | 'capacity' | 'bufferMin' | 'timezone') => ({ value: form[key], onChange: (e: { currentTarget: { value: string } }) => set({ [key]: e.currentTarget.value }) });
  const setDay = (d: WeekdayKey, ranges: RangeRow[]) => set({ hours: { ...form.hours, [d]: ranges } });
  const planned = new Map((profile.data?.services ?? []).map((s) => [s.code, s]));
  return (
    <>
      <PageTitle>{t('profileTitle')}</PageTitle>
      {profile.isError && <Text mb="md">{t('profileMissing')}</Text>}
      <form noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(fromForm(form)); }} style={{ maxWidth: 760 }}>
        <Stack>
          <TextInput label={t('name')} required {...field('name')} />
          <TextInput label={t('address')} required {...field('address')} />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <TextInput label={t('lat')} inputMode="decimal" {...field('lat')} />
            <TextInput label={t('lon')} inputMode="decimal" {...field('lon')} />
            <TextInput label={t('capacity')} inputMode="numeric" {...field('capacity')} />
            <TextInput label={t('buffer')} title={t('bufferHint')} inputMode="numeric" {...field('bufferMin')} />
          </SimpleGrid>
          <TextInput label={t('timezone')} {...field('timezone')} />

          <Card withBorder padding="sm" component="fieldset" m={0}>
            <Title order={2} size="h4" component="legend" px={4}>{t('services')}</Title>
            <Stack gap="xs">
              {form.services.map((s, i) => {
                const learned = planned.get(s.code);
                const n = i + 1;
                const change = (patch: Partial<typeof s>) => set({ services: form.services.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own while typed
                  <div key={i}>
                    <Group gap="xs" align="end" wrap="nowrap">
                      <TextInput label={t('serviceCode', { n })} value={s.code} onChange={(e) => change({ code: e.currentTarget.value })} style={{ flex: 2, minWidth: 0 }} />
                      <TextInput label={t('serviceMinutes')} aria-label={t('serviceMinutesOf', { n })} inputMode="numeric" value={s.durationMin} onChange={(e) => change({ durationMin: e.currentTarget.value })} style={{ flex: 1, minWidth: 0 }} />
                      <TextInput label={t('servicePrice')} aria-label={t('servicePriceOf', { n })} inputMode="decimal" value={s.priceEur} onChange={(e) => change({ priceEur: e.currentTarget.value })} style={{ flex: 1, minWidth: 0 }} />
                      <CloseButton aria-label={t('removeService', { n })} mb={6} onClick={() => set({ services: form.services.filter((_, j) => j !== i) })} />
                    </Group>
                    {learned?.durationSource === 'learned' && <Text size="xs" c="dimmed">{t('learnedDuration', { minutes: learned.plannedDurationMin, jobs: learned.completedJobs })}</Text>}
                  </div>
                );
              })}
              <Button variant="light" size="xs" style={{ alignSelf: 'start' }} onClick={() => set({ services: [...form.services, { code: '', durationMin: '', priceEur: '' }] })}>{t('addService')}</Button>
            </Stack>
          </Card>

          <Card withBorder padding="sm" component="fieldset" m={0}>
            <Title order={2} size="h4" component="legend" px={4}>{t('hours')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="sm">
              {WEEKDAY_KEYS.map((d) => (
                <DayHours key={d} day={d} ranges={form.hours[d]} onChange={(r) => setDay(d, r)} />
              ))}
            </SimpleGrid>
          </Card>

          <Card withBorder padding="sm" component="fieldset" m={0}>
            <Title order={2} size="h4" component="legend" px={4}>{t('closures')}</Title>
            <Stack gap="xs">
              {form.closures.length === 0 && <Text size="sm" c="dimmed">{t('noClosure')}</Text>}
              {form.closures.map((c, i) => {
                const n = i + 1;
                const change = (patch: Partial<RangeRow>) => set({ closures: form.closures.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own while typed
                  <Group key={i} gap="xs" align="end" wrap="nowrap">
                    <TextInput type={c.from === '' || DATE.test(c.from) ? 'date' : 'text'} label={t('closureFrom', { n })} value={c.from} onChange={(e) => change({ from: e.currentTarget.value })} style={{ flex: 1, minWidth: 0 }} />
                    <TextInput type={c.to === '' || DATE.test(c.to) ? 'date' : 'text'} label={t('closureTo', { n })} value={c.to} onChange={(e) => change({ to: e.currentTarget.value })} style={{ flex: 1, minWidth: 0 }} />
                    <CloseButton aria-label={t('removeClosure', { n })} mb={6} onClick={() => set({ closures: form.closures.filter((_, j) => j !== i) })} />
                  </Group>
                );
              })}
              <Button variant="light" size="xs" style={{ alignSelf: 'start' }} onClick={() => set({ closures: [...form.closures, { from: '', to: '' }] })}>{t('addClosure')}</Button>
            </Stack>
          </Card>

          {save.isError && <PlanningProblem error={save.error} />}
          {save.isSuccess && <Alert color="green" variant="light" role="status">{t('saved')}</Alert>}
          <Button type="submit" loading={save.isPending} style={{ alignSelf: 'start' }}>{t('save')}</Button>
        </Stack>
      </form>
    </>
  );
}

/** One weekday's opening ranges ("08:00 à 12:00", "14:00 à 18:00"); none is closed. */
function DayHours({ day, ranges, onChange }: { day: WeekdayKey; ranges: RangeRow[]; onChange: (ranges: RangeRow[]) => void }) {
  const { t, i18n } = useTranslation('planning');
  const name = t(`days.${day}`);
  // Inside a French sentence a weekday takes no capital ("le samedi"); in English it keeps it.
  const inSentence = i18n.language === 'fr' ? name.toLocaleLowerCase('fr') : name;
  const last = ranges.at(-1);
  return (
    <div role="group" aria-label={name}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text fw={600} size="sm">{name}</Text>
        {ranges.length === 0 && <Text size="sm" c="dimmed">{t('closed')}</Text>}
      </Group>
      <Stack gap={6}>
        {ranges.map((r, i) => {
          const n = i + 1;
          const change = (patch: Partial<RangeRow>) => onChange(ranges.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity of their own while typed
            <Group key={i} gap="xs" wrap="nowrap">
              <TextInput type="time" step={900} aria-label={t('rangeFrom', { day: name, n })} value={r.from} onChange={(e) => change({ from: e.currentTarget.value })} style={{ flex: 1, minWidth: 0 }} />
              <Text size="sm" aria-hidden>{t('to')}</Text>
              <TextInput type="time" step={900} aria-label={t('rangeTo', { day: name, n })} value={r.to} onChange={(e) => change({ to: e.currentTarget.value })} style={{ flex: 1, minWidth: 0 }} />
              <CloseButton aria-label={t('removeRange', { day: inSentence, n })} onClick={() => onChange(ranges.filter((_, j) => j !== i))} />
            </Group>
          );
        })}
      </Stack>
      <Button variant="subtle" size="compact-sm" mt={4} onClick={() => onChange([...ranges, last ? { from: last.to, to: '' } : { from: '08:00', to: '12:00' }])}>
        {t('addRange', { day: inSentence })}
      </Button>
    </div>
  );
}
