import { Button, Code, CopyButton, Group, Paper, Progress, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useFormat } from '../../app/i18n/format.ts';
import { ScrollRegion } from './ScrollRegion.tsx';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { type FlashJob, useJob, useJobAudit } from './api.ts';
import { StatusBadge } from './StatusBadge.tsx';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">{label}</Text>
      <Text component="dd" m={0} style={{ wordBreak: 'break-all' }}>{children}</Text>
    </div>
  );
}

function Progression({ job }: { job: FlashJob }) {
  const { t } = useTranslation('flash');
  const format = useFormat();
  const done = job.progress?.blocksDone;
  const total = job.progress?.blocksTotal;
  return (
    <Stack component="dl" gap="sm" m={0}>
      <Fact label={t('state')}><StatusBadge status={job.status} /></Fact>
      <Fact label={t('step')}>{job.progress?.step ?? '—'}</Fact>
      <Fact label={t('blocks')}>
        {done !== undefined && total ? t('blocksOf', { done, total }) : '—'}
      </Fact>
      {done !== undefined && total ? <Progress value={(100 * done) / total} aria-label={t('blocks')} /> : null}
      <Fact label={t('readBack')}>{job.readBackSha256 ? `${t('readBackOk')} (${job.readBackSha256.slice(0, 16)}…)` : t('readBackPending')}</Fact>
      <Fact label={t('backup')}>{job.backup ? `${job.backup.sha256.slice(0, 16)}… (${job.backup.size} o)` : t('noBackup')}</Fact>
      {job.failure && <Text fw={700} role="alert">{t('failure', { message: job.failure.message })}</Text>}
      {job.deadline && <Text size="sm" c="dimmed">{t('deadline', { date: format.dateTime(job.deadline) })}</Text>}
    </Stack>
  );
}

/** One job: live progress (polled), the agent command line to copy, and its audit trail. */
export function FlashJobPage() {
  const { t } = useTranslation('flash');
  const format = useFormat();
  const { id = '' } = useParams();
  const job = useJob(id);
  const audit = useJobAudit(id, job.data?.status);
  // The virtual bench, or the vehicle on the garage's CAN adapter (Linux SocketCAN).
  const [bus, setBus] = useState<'virtual' | 'socketcan'>('virtual');
  const [iface, setIface] = useState('can0');
  const ecu = bus === 'virtual' ? 'virtual' : `socketcan:${/^[\w.-]{1,15}$/.test(iface) ? iface : 'can0'}`;
  const command = `npx novaevo flash-agent --api ${window.location.origin} --token ${t('tokenPlaceholder')} --job ${id} --ecu ${ecu}`;
  return (
    <>
      <PageTitle>{t('jobTitle')}</PageTitle>
      {job.isPending && <Loading />}
      {job.isError && <ProblemAlert error={job.error} />}
      {job.data && (
        <Stack maw={900} gap="md">
          <Text fw={500}>{job.data.vin} · {job.data.ecuHardware} · {job.data.ecuSoftware} → {job.data.toSoftware}</Text>
          <Paper withBorder p="md"><Progression job={job.data} /></Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h3" mb="xs">{t('agentCommand')}</Title>
            <Text size="sm" mb="xs">{t('agentHint')}</Text>
            <Group gap="xs" mb="xs" align="end" wrap="wrap">
              <SegmentedControl
                aria-label={t('ecuChoice')}
                value={bus}
                onChange={(v) => setBus(v as 'virtual' | 'socketcan')}
                data={[{ value: 'virtual', label: t('ecuVirtual') }, { value: 'socketcan', label: t('ecuSocketCan') }]}
              />
              {bus === 'socketcan' && <TextInput size="xs" label={t('canInterface')} value={iface} onChange={(e) => setIface(e.currentTarget.value)} maxLength={15} w={120} />}
            </Group>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{command}</Code>
              <CopyButton value={command}>
                {({ copied, copy }) => <Button size="xs" variant={copied ? 'filled' : 'default'} onClick={copy}>{copied ? t('copied') : t('copy')}</Button>}
              </CopyButton>
            </Group>
          </Paper>
          <Title order={2} size="h3">{t('audit')}</Title>
          {audit.isError && <ProblemAlert error={audit.error} />}
          <ScrollRegion label={t('audit')}>
            <Table striped>
              <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>{t('state')}</Table.Th><Table.Th>Action</Table.Th><Table.Th>Hash</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {audit.data?.items.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td>{e.seq}</Table.Td>
                    <Table.Td>{format.dateTime(e.at)} · {String(e.data.to ?? '')}</Table.Td>
                    <Table.Td>{e.action}</Table.Td>
                    <Table.Td><Text ff="monospace" size="xs">{e.hash.slice(0, 12)}…</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </Stack>
      )}
    </>
  );
}
