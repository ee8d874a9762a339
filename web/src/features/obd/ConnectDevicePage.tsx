import { Alert, Anchor, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useVehicles } from '../vehicles/api.ts';
import { useCreateDevice, useDevices, useRevokeDevice, type CreatedDevice } from './api.ts';
import { CopyField } from './CopyField.tsx';

function Credentials({ created }: { created: CreatedDevice }) {
  const { t } = useTranslation('obd');
  return (
    <Paper withBorder p="md" my="md" maw={720}>
      <Title order={2} size="h3" mb="xs">
        {t('onceTitle')}
      </Title>
      <Alert color="yellow" variant="light" role="status" mb="sm">
        {t('onceWarning')}
      </Alert>
      <Stack component="dl" gap="sm" m={0}>
        <CopyField label={t('server')} value={created.mqtt.url} />
        <CopyField label={t('username')} value={created.mqtt.username} />
        <CopyField label={t('secret')} value={created.secret} />
        <CopyField label={t('topic')} value={created.mqtt.topic} />
      </Stack>
    </Paper>
  );
}

/** "Connecter un boîtier OBD": credentials for a vehicle's dongle (shown once), and the devices. */
export function ConnectDevicePage() {
  const { t } = useTranslation('obd');
  const format = useFormat();
  const vehicles = useVehicles();
  const devices = useDevices();
  const create = useCreateDevice();
  const revoke = useRevokeDevice();
  const [vin, setVin] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const items = vehicles.data?.pages.flatMap((p) => p.items) ?? [];
  const byId = new Map(items.map((v) => [v.id, v]));
  return (
    <>
      <PageTitle>{t('connectTitle')}</PageTitle>
      <Text mb="md" maw={720}>
        {t('connectIntro')}
      </Text>
      {vehicles.isPending && <Loading />}
      {vehicles.isError && <ProblemAlert error={vehicles.error} />}
      {vehicles.isSuccess && items.length === 0 && <Text>{t('noVehicle')}</Text>}
      {items.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (vin && label.trim()) create.mutate({ vin, label: label.trim() });
          }}
        >
          <Stack maw={480} gap="sm">
            <Select label={t('vehicle')} data={items.map((v) => ({ value: v.vin, label: `${v.make} ${v.model} (${v.plate})` }))} value={vin} onChange={setVin} required allowDeselect={false} />
            <TextInput label={t('label')} description={t('labelHint')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} required maxLength={80} />
            <Group>
              <Button type="submit" loading={create.isPending} disabled={!vin || !label.trim()}>
                {t('create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {create.isError && <ProblemAlert error={create.error} />}
      {create.data && <Credentials created={create.data} />}
      <Title order={2} size="h3" mt="xl" mb="sm">
        {t('devices')}
      </Title>
      {devices.isPending && <Loading />}
      {devices.isError && <ProblemAlert error={devices.error} onRetry={() => void devices.refetch()} />}
      {devices.isSuccess && devices.data.items.length === 0 && <Text>{t('noDevices')}</Text>}
      <Stack component="ul" p={0} m={0} gap="xs" style={{ listStyle: 'none' }}>
        {devices.data?.items.map((d) => {
          const v = byId.get(d.vehicleId);
          return (
            <Paper component="li" key={d.id} withBorder p="sm">
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Text fw={500}>{d.label}</Text>
                  <Text size="sm" c="dimmed">
                    {v ? `${v.make} ${v.model}` : ''} · {d.revokedAt ? `${t('revoked')} ${format.dateTime(d.revokedAt)}` : format.dateTime(d.createdAt)}
                  </Text>
                </div>
                <Group gap="xs">
                  <Anchor component={Link} to={`/obd/vehicles/${d.vehicleId}`}>
                    {t('openDashboard')}
                  </Anchor>
                  {!d.revokedAt && (
                    <Button size="xs" color="red" variant="outline" loading={revoke.isPending && revoke.variables === d.id} onClick={() => revoke.mutate(d.id)}>
                      {t('revoke')}
                    </Button>
                  )}
                </Group>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </>
  );
}
