import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import type { OptimizeAnswer, Placement, PlacementReason, Summary } from './api.ts';

const PAGE = 24;
const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const REASONS: PlacementReason[] = ['earliest', 'delayed', 'capacity', 'no-slot'];
const METRICS: (keyof Summary)[] = ['total', 'meanPerRequest', 'meanAssigned', 'assigned', 'unassigned'];
const REASON_COLOR: Record<PlacementReason, string> = { earliest: 'teal.9', delayed: 'blue.9', capacity: 'grape.9', 'no-slot': 'red.9' };

/** The optimiser's answer: the solver's status in words, both objectives side by side, then every placement and why. */
export function OptimizeResult({ r }: { r: OptimizeAnswer }) {
  const { t } = useTranslation('planning');
  const { dateTime } = useFormat();
  const [reason, setReason] = useState<string>('all');
  const [shown, setShown] = useState(PAGE);
  const gain = r.baseline.meanPerRequest > 0 ? Math.round((1 - r.objective.meanPerRequest / r.baseline.meanPerRequest) * 100) : null;
  const placements = reason === 'all' ? r.placements : r.placements.filter((p) => p.reason === reason);
  const facts = [
    r.solver.mipGap !== null && t('solverGap', { gap: r.solver.mipGap * 100 }),
    r.solver.lowerBound !== null && t('solverBound', { bound: r.solver.lowerBound }),
    r.solver.runSeconds !== null && t('solverSeconds', { seconds: r.solver.runSeconds }),
  ].filter(Boolean);
  return (
    <section aria-label={t('resultTitle')}>
      <Card withBorder role="status" padding="sm" mb="md" maw={760} style={{ borderInlineStart: `4px solid var(--mantine-color-${r.fallback ? 'orange' : 'teal'}-9)` }}>
        <Text fw={600}>{t(`solverStatus.${r.solver.status}`)}</Text>
        <Text size="sm">{t('inputFacts', { requests: r.input.requests, professionals: r.input.professionals, source: t(`inputSource.${r.input.source}`), from: dateTime(r.input.from), to: dateTime(r.input.to) })}</Text>
        {facts.length > 0 && <Text size="sm">{capitalised(facts.join(' · '))}</Text>}
      </Card>

      <Title order={2} size="h4" mb="xs">{t('compareTitle')}</Title>
      <Table.ScrollContainer minWidth={320} maw={620} mb="xs">
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('metric')}</Table.Th><Table.Th ta="right">{t('optimiser')}</Table.Th><Table.Th ta="right">{t('fcfs')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {METRICS.map((m) => (
              <Table.Tr key={m}>
                <Table.Th scope="row" fw={400}>{t(`metrics.${m}`)}</Table.Th>
                <Table.Td ta="right" fw={600}>{t('number', { value: r.objective[m] })}</Table.Td>
                <Table.Td ta="right">{t('number', { value: r.baseline[m] })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {gain !== null && <Text fw={600} mb="lg">{gain > 0 ? t('gain', { gain }) : gain < 0 ? t('loss', { loss: -gain }) : t('same')}</Text>}

      <Group justify="space-between" align="end" mb="xs" wrap="wrap">
        <Title order={2} size="h4">{t('placementsTitle')}</Title>
        <Select
          label={t('reasonFilter')}
          value={reason}
          onChange={(v) => { setReason(v ?? 'all'); setShown(PAGE); }}
          allowDeselect={false}
          data={[{ value: 'all', label: t('allReasons', { n: r.placements.length }) }, ...REASONS.map((x) => ({ value: x, label: t('reasonCount', { reason: t(`placementReason.${x}`), n: r.placements.filter((p) => p.reason === x).length }) }))]}
          w={{ base: '100%', xs: 320 }}
        />
      </Group>
      <SimpleGrid component="ul" cols={{ base: 1, md: 2 }} spacing="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {placements.slice(0, shown).map((p) => <PlacementCard key={p.requestId} p={p} />)}
      </SimpleGrid>
      {placements.length > shown && (
        <Button variant="default" mt="md" onClick={() => setShown(shown + PAGE)}>{t('showMore', { n: Math.min(PAGE, placements.length - shown) })}</Button>
      )}
    </section>
  );
}

function PlacementCard({ p }: { p: Placement }) {
  const { t } = useTranslation('planning');
  const { dateTime } = useFormat();
  const b = p.breakdown;
  const s = b.slotScore;
  return (
    <Card component="li" withBorder padding="sm" aria-label={t('placementOf', { id: p.requestId })}>
      <Group justify="space-between" gap="xs" wrap="wrap" mb={4}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{p.requestId}</Text>
        <Badge color={REASON_COLOR[p.reason]} variant="filled">{t(`placementReason.${p.reason}`)}</Badge>
      </Group>
      <Text size="sm">{p.start ? `${p.proName} · ${dateTime(p.start)}` : t(`placementReasonLong.${p.reason}`)}</Text>
      <Stack gap={0} mt={4}>
        {[
          t('bdUrgency', { urgency: t(`urgency.${b.urgency}`), weight: b.weight }),
          p.start ? t('bdWait', { wait: b.waitHours, weighted: b.weightedWaitHours }) : t('bdPenalty', { weighted: b.weightedWaitHours }),
          [b.distanceKm !== null && t('bdDistance', { distance: b.distanceKm }), t('bdCandidates', { count: b.candidates })].filter(Boolean).join(' · '),
          b.earliestPossible && t('bdEarliest', { when: dateTime(b.earliestPossible), delay: b.delayHours }),
          s && t('bdScore', { score: s.score, ww: s.waitWeight, wp: s.waitPenalty, dw: s.distanceWeight, dp: s.distancePenalty }),
        ]
          .filter((line): line is string => Boolean(line))
          .map((line) => <Text key={line} size="sm" c="dimmed">{line}</Text>)}
      </Stack>
    </Card>
  );
}
