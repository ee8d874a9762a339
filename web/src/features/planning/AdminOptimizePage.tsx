import { Alert, Button, Group, NumberInput, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useOptimize } from './api.ts';

const round = (x: number) => Math.round(x * 100) / 100;

/** Runs the optimiser on a generated request set; its assignment against first come, first served, placement by placement. */
export function AdminOptimizePage() {
  const { t } = useTranslation('planning');
  const { dateTime } = useFormat();
  const [seed, setSeed] = useState<number | string>(1);
  const [pros, setPros] = useState<number | string>(20);
  const [requests, setRequests] = useState<number | string>(100);
  const run = useOptimize();
  const r = run.data;
  return (
    <>
      <PageTitle>{t('optimizeTitle')}</PageTitle>
      <Text mb="md">{t('optimizeHint')}</Text>
      <Group align="end" mb="md" wrap="wrap">
        <NumberInput label={t('seed')} value={seed} onChange={setSeed} min={0} maw={120} />
        <NumberInput label={t('professionals')} value={pros} onChange={setPros} min={1} max={200} maw={140} />
        <NumberInput label={t('requests')} value={requests} onChange={setRequests} min={1} max={1000} maw={140} />
        <Button loading={run.isPending} onClick={() => run.mutate({ sample: { seed: Number(seed), professionals: Number(pros), requests: Number(requests) }, timeLimitMs: 4000 })}>{t('run')}</Button>
      </Group>
      {run.isError && <ProblemAlert error={run.error} />}
      {r && (
        <>
          <Text mb="xs">{t('method', { method: r.method, status: r.solver.status })}</Text>
          {r.fallback && <Alert color="orange" variant="light" mb="xs">{t('fallback')}</Alert>}
          <Table mb="md" maw={520} withTableBorder>
            <Table.Thead><Table.Tr><Table.Th>{t('objective')}</Table.Th><Table.Th>{t('optimiser')}</Table.Th><Table.Th>{t('fcfs')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              <Table.Tr><Table.Td>h</Table.Td><Table.Td>{round(r.objective.meanPerRequest)}</Table.Td><Table.Td>{round(r.baseline.meanPerRequest)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Td>{t('unplaced')}</Table.Td><Table.Td>{r.objective.unassigned}</Table.Td><Table.Td>{r.baseline.unassigned}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
          <Text fw={600} mb="md">{t('gain', { gain: Math.round((1 - r.objective.meanPerRequest / r.baseline.meanPerRequest) * 100) })}</Text>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead><Table.Tr><Table.Th>{t('request')}</Table.Th><Table.Th>{t('placedAt')}</Table.Th><Table.Th>{t('why')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {r.placements.map((p) => (
                  <Table.Tr key={p.requestId}>
                    <Table.Td>{p.requestId}</Table.Td>
                    <Table.Td>{p.start ? `${p.proName} · ${dateTime(p.start)}` : t('unplaced')}</Table.Td>
                    <Table.Td>
                      {p.reason} — {t('breakdown', { urgency: p.breakdown.urgency, weight: p.breakdown.weight, wait: round(p.breakdown.waitHours), distance: p.breakdown.distanceKm === null ? '–' : round(p.breakdown.distanceKm), delay: round(p.breakdown.delayHours) })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </>
  );
}
