import { Alert, Button, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useProfile, useSaveProfile } from './api.ts';
import { fromForm, toForm, WEEKDAY_KEYS, type ProfileForm } from './profile-form.ts';

/** The workshop's profile: name, place, services, opening hours per weekday, closures, capacity. */
export function ProProfilePage() {
  const { t } = useTranslation('planning');
  const profile = useProfile();
  const save = useSaveProfile();
  const [form, setForm] = useState<ProfileForm | null>(null);
  useEffect(() => {
    if (!form && (profile.isSuccess || profile.isError)) setForm(toForm(profile.data));
  }, [form, profile.isSuccess, profile.isError, profile.data]);
  if (!form) return <><PageTitle>{t('profileTitle')}</PageTitle><Loading /></>;
  const field = (key: Exclude<keyof ProfileForm, 'hours'>) => ({ value: form[key], onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value }) });
  return (
    <>
      <PageTitle>{t('profileTitle')}</PageTitle>
      {profile.isError && <Text mb="md">{t('profileMissing')}</Text>}
      <form noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(fromForm(form)); }} style={{ maxWidth: 720 }}>
        <Stack>
          <TextInput label={t('name')} required {...field('name')} />
          <TextInput label={t('address')} required {...field('address')} />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <TextInput label={t('lat')} inputMode="decimal" {...field('lat')} />
            <TextInput label={t('lon')} inputMode="decimal" {...field('lon')} />
            <TextInput label={t('capacity')} inputMode="numeric" {...field('capacity')} />
            <TextInput label={t('buffer')} inputMode="numeric" {...field('bufferMin')} />
          </SimpleGrid>
          <TextInput label={t('timezone')} {...field('timezone')} />
          <Textarea label={t('services')} autosize minRows={3} {...field('services')} />
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend><Text fw={600}>{t('hours')}</Text></legend>
            <Text size="sm" c="dimmed" mb="xs">{t('hoursHint')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {WEEKDAY_KEYS.map((d) => (
                <TextInput key={d} label={t(`days.${d}`)} value={form.hours[d]} onChange={(e) => setForm({ ...form, hours: { ...form.hours, [d]: e.currentTarget.value } })} />
              ))}
            </SimpleGrid>
          </fieldset>
          <Textarea label={t('closures')} autosize minRows={2} {...field('closures')} />
          {save.isError && <ProblemAlert error={save.error} />}
          {save.isSuccess && <Alert color="green" variant="light" role="status">{t('saved')}</Alert>}
          <Button type="submit" loading={save.isPending} style={{ alignSelf: 'start' }}>{t('save')}</Button>
        </Stack>
      </form>
    </>
  );
}
