import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useDtcs, useLiveReadings, useTelemetry } from './api.ts';
import { TelemetryChart } from './TelemetryChart.tsx';

const GAUGES = [
  { pid: '0D', key: 'speed', unit: 'km/h', digits: 0 },
  { pid: '0C', key: 'rpm', unit: 'tr/min', digits: 0 },
  { pid: '05', key: 'coolant', unit: '°C', digits: 0 },
  { pid: '42', key: 'battery', unit: 'V', digits: 1 },
] as const;
const BUCKETS = ['60s', '5m', '1h'];
const STATUS_COLOR = { active: 'red', pending: 'orange', permanent: 'grape', cleared: 'gray' } as const;

function LiveGauges({ vehicleId }: { vehicleId: string }) {
  const { t, i18n } = useTranslation('obd');
  const { values, connected } = useLiveReadings(vehicleId);
  const number = (n: number, digits: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n);
  return (
    <section aria-labelledby="obd-live">
      <Group gap="xs" mb="xs">
        <Title order={2} size="h3" id="obd-live">
          {t('live')}
        </Title>
        {connected && <Badge color="green" variant="light">●</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} aria-live="polite">
        {GAUGES.map((g) => (
          <Paper key={g.pid} withBorder p="sm">
            <Text size="sm" c="dimmed">
              {t(g.key)}
            </Text>
            <Text size="xl" fw={700}>
              {values[g.pid] === undefined ? '–' : `${number(values[g.pid]!, g.digits)} ${g.unit}`}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {Object.keys(values).length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('waiting')}
        </Text>
      )}
    </section>
  );
}

function History({ vehicleId }: { vehicleId: string }) {
  const { t, i18n } = useTranslation('obd');
  const [pid, setPid] = useState('0C');
  const [bucket, setBucket] = useState('5m');
  const telemetry = useTelemetry(vehicleId, pid, bucket);
  const gauges = GAUGES.map((g) => ({ value: g.pid, label: t(g.key) }));
  const measure = gauges.find((g) => g.value === pid)?.label ?? pid;
  const names = useMemo(() => ({ min: 'min', avg: i18n.language === 'fr' ? 'moyenne' : 'average', max: 'max' }), [i18n.language]);
  return (
    <section aria-labelledby="obd-history">
      <Title order={2} size="h3" id="obd-history" mt="xl" mb="xs">
        {t('history')}
      </Title>
      <Group mb="sm">
        <Select label={t('pid')} data={gauges} value={pid} onChange={(v) => v && setPid(v)} allowDeselect={false} w={220} />
        <Select label={t('bucket')} data={BUCKETS} value={bucket} onChange={(v) => v && setBucket(v)} allowDeselect={false} w={140} />
      </Group>
      {telemetry.isPending && <Loading />}
      {telemetry.isError && <ProblemAlert error={telemetry.error} />}
      {telemetry.isSuccess && telemetry.data.length === 0 && <Text>{t('noHistory')}</Text>}
      {telemetry.isSuccess && telemetry.data.length > 0 && <TelemetryChart buckets={telemetry.data} label={t('chartLabel', { measure })} names={names} locale={i18n.language} />}
    </section>
  );
}

function Faults({ vehicleId }: { vehicleId: string }) {
  const { t, i18n } = useTranslation('obd');
  const format = useFormat();
  const dtcs = useDtcs(vehicleId, i18n.language === 'en' ? 'en' : 'fr');
  const current = dtcs.data?.filter((d) => d.status !== 'cleared') ?? [];
  return (
    <section aria-labelledby="obd-faults">
      <Title order={2} size="h3" id="obd-faults" mt="xl" mb="xs">
        {t('faults')}
      </Title>
      {dtcs.isPending && <Loading />}
      {dtcs.isError && <ProblemAlert error={dtcs.error} />}
      {dtcs.isSuccess && dtcs.data.length === 0 && <Text>{t('noFaults')}</Text>}
      <Stack component="ul" p={0} m={0} gap="xs" style={{ listStyle: 'none' }}>
        {dtcs.data?.map((d) => (
          <Paper component="li" key={d.code} withBorder p="sm">
            <Group gap="xs">
              <Text ff="monospace" fw={700}>
                {d.code}
              </Text>
              <Badge color={STATUS_COLOR[d.status]} variant="light">
                {t(`status.${d.status}`)}
              </Badge>
            </Group>
            <Text>{d.description}</Text>
            <Text size="sm" c="dimmed">
              {t('firstSeen', { date: format.dateTime(d.firstSeen) })}
            </Text>
          </Paper>
        ))}
      </Stack>
      {current.length > 0 && (
        // The NLP module's page (/describe) starts the description with the codes, then offers to book.
        <Button component={Link} to={`/describe?vehicleId=${vehicleId}&codes=${current.map((d) => d.code).join(',')}`} mt="md">
          {t('describe')}
        </Button>
      )}
    </section>
  );
}

/** A vehicle's OBD dashboard: live gauges over SSE, history charts by PID, fault codes. */
export function VehicleObdPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('obd');
  if (!id) return <Loading />;
  return (
    <>
      <PageTitle>{t('dashboardTitle')}</PageTitle>
      <LiveGauges vehicleId={id} />
      <History vehicleId={id} />
      <Faults vehicleId={id} />
    </>
  );
}
