import { Anchor, Button, Group, Paper, Radio, Select, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useVehicles } from '../vehicles/api.ts';
import { useCreateJob, useFirmwares, useJobs } from './api.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** "Reprogrammation ECU": a new job from a vehicle and a compatible firmware, and the organisation's jobs. */
export function FlashJobsPage() {
  const { t } = useTranslation('flash');
  const format = useFormat();
  const navigate = useNavigate();
  const vehicles = useVehicles();
  const jobs = useJobs();
  const create = useCreateJob();
  const [vin, setVin] = useState<string | null>(null);
  const [ecuHardware, setHardware] = useState('');
  const [ecuSoftware, setSoftware] = useState('');
  const [firmwareId, setFirmwareId] = useState<string>('');
  const ecu = vin && ecuHardware.trim() && ecuSoftware.trim() ? { vin, ecuHardware: ecuHardware.trim(), ecuSoftware: ecuSoftware.trim() } : undefined;
  const firmwares = useFirmwares(ecu);
  const items = vehicles.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageTitle>{t('jobsTitle')}</PageTitle>
      <Text mb="md" maw={720}>
        {t('jobsIntro')}
      </Text>
      {vehicles.isPending && <Loading />}
      {vehicles.isError && <ProblemAlert error={vehicles.error} />}
      {vehicles.isSuccess && items.length === 0 && <Text>{t('noVehicle')}</Text>}
      {items.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ecu && firmwareId) create.mutate({ ...ecu, firmwareId }, { onSuccess: (job) => void navigate(`/flash/jobs/${job.id}`) });
          }}
        >
          <Stack maw={640} gap="sm">
            <Select label={t('vehicle')} data={items.map((v) => ({ value: v.vin, label: `${v.make} ${v.model} (${v.vin})` }))} value={vin} onChange={setVin} required allowDeselect={false} />
            <TextInput label={t('ecuHardware')} value={ecuHardware} onChange={(e) => setHardware(e.currentTarget.value)} required maxLength={64} />
            <TextInput label={t('ecuSoftware')} value={ecuSoftware} onChange={(e) => setSoftware(e.currentTarget.value)} required maxLength={64} />
            {firmwares.isError && <ProblemAlert error={firmwares.error} />}
            {firmwares.isSuccess && firmwares.data.items.length === 0 && <Text>{t('noFirmware')}</Text>}
            {ecu && firmwares.isSuccess && firmwares.data.items.length > 0 && (
              <Radio.Group label={t('firmware')} value={firmwareId} onChange={setFirmwareId} required>
                <Stack gap="xs" mt="xs">
                  {firmwares.data.items.map((f) => {
                    const reasons = f.incompatibilities ?? [];
                    return (
                      <Paper key={f.id} withBorder p="sm">
                        <Radio value={f.id} disabled={reasons.length > 0} label={`${f.make} → ${f.toSoftware} (${f.ecuHardware.join(', ')})`} />
                        <Text size="sm" fw={500} mt={4}>
                          {reasons.length > 0 ? `✗ ${t('incompatible')} : ${reasons.map((r) => r.message).join(' ; ')}` : `✓ ${t('compatible')}`}
                        </Text>
                      </Paper>
                    );
                  })}
                </Stack>
              </Radio.Group>
            )}
            <Group>
              <Button type="submit" loading={create.isPending} disabled={!ecu || !firmwareId}>
                {t('createJob')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {create.isError && <ProblemAlert error={create.error} />}
      <Title order={2} size="h3" mt="xl" mb="sm">
        {t('myJobs')}
      </Title>
      {jobs.isPending && <Loading />}
      {jobs.isError && <ProblemAlert error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {jobs.isSuccess && jobs.data.items.length === 0 && <Text>{t('noJobs')}</Text>}
      <Stack component="ul" p={0} m={0} gap="xs" style={{ listStyle: 'none' }}>
        {jobs.data?.items.map((j) => (
          <Paper component="li" key={j.id} withBorder p="sm">
            <Group justify="space-between" wrap="wrap">
              <div>
                <Text fw={500}>{j.vin} → {j.toSoftware}</Text>
                <Text size="sm" c="dimmed">{format.dateTime(j.createdAt)}</Text>
              </div>
              <Group gap="xs">
                <StatusBadge status={j.status} />
                <Anchor component={Link} to={`/flash/jobs/${j.id}`}>
                  {t('open')}
                  <VisuallyHidden> {j.vin}</VisuallyHidden>
                </Anchor>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
