import { Alert, Button, Card, FileButton, Group, NumberInput, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { useOptimize, type OptimizeBody } from './api.ts';
import { exampleRequests, readRequests } from './optimize-input.ts';
import { OptimizeResult } from './OptimizeResult.tsx';
import { PlanningProblem } from './PlanningProblem.tsx';

type Source = 'requests' | 'sample';
const num = (v: number | string, fallback: number) => (typeof v === 'number' ? v : Number(v) || fallback);

/**
 * The batch optimiser for admins: a request set (pasted or uploaded JSON, placed on the verified
 * professionals' real calendars) or a generated week (seed, size), then the assignment against
 * first come, first served with every placement's breakdown.
 */
export function AdminOptimizePage() {
  const { t } = useTranslation('planning');
  const [source, setSource] = useState<Source>('requests');
  const [text, setText] = useState('');
  const [inputProblem, setInputProblem] = useState<string | null>(null);
  const [seed, setSeed] = useState<number | string>(1);
  const [pros, setPros] = useState<number | string>(20);
  const [requests, setRequests] = useState<number | string>(100);
  const [days, setDays] = useState<number | string>(7);
  const [seconds, setSeconds] = useState<number | string>(4);
  const run = useOptimize();

  const load = async (file: File | null) => {
    if (!file) return;
    const content = await file.text();
    // Shown indented, whatever the file's layout, so the admin can read and edit it.
    let shown = content;
    try {
      shown = JSON.stringify(JSON.parse(content), null, 2);
    } catch {
      /* not JSON: shown as it is, and refused in words on run */
    }
    setText(shown);
    setInputProblem(null);
  };
  const submit = () => {
    const timeLimitMs = Math.round(num(seconds, 4) * 1000);
    let body: OptimizeBody;
    if (source === 'sample') body = { sample: { seed: num(seed, 0), professionals: num(pros, 20), requests: num(requests, 100) }, days: num(days, 7), timeLimitMs };
    else {
      const read = readRequests(text);
      if (!read.ok) {
        setInputProblem(t(`input.${read.problem}`));
        return;
      }
      body = { ...read.body, timeLimitMs };
    }
    setInputProblem(null);
    run.mutate(body);
  };

  return (
    <>
      <PageTitle>{t('optimizeTitle')}</PageTitle>
      <Text mb="md" maw={760}>{t('optimizeHint')}</Text>
      <Card withBorder padding="md" mb="lg" maw={760}>
        <Stack>
          <SegmentedControl
            value={source}
            onChange={(v) => setSource(v as Source)}
            data={[
              { value: 'requests', label: t('sourceRequests') },
              { value: 'sample', label: t('sourceSample') },
            ]}
            fullWidth
          />
          {source === 'requests' ? (
            <>
              <Textarea
                label={t('requestsLabel')}
                description={t('requestsHint')}
                value={text}
                onChange={(e) => { setText(e.currentTarget.value); setInputProblem(null); }}
                autosize
                minRows={6}
                maxRows={16}
                spellCheck={false}
                styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 13 } }}
                error={inputProblem}
              />
              <Group gap="xs" wrap="wrap">
                <FileButton onChange={(f) => void load(f)} accept="application/json,.json">
                  {(props) => <Button variant="default" size="sm" {...props}>{t('importFile')}</Button>}
                </FileButton>
                <Button variant="default" size="sm" onClick={() => { setText(exampleRequests(new Date())); setInputProblem(null); }}>{t('insertExample')}</Button>
              </Group>
            </>
          ) : (
            <>
              <Text size="sm" c="dimmed">{t('sampleHint')}</Text>
              <Group align="end" gap="sm" wrap="wrap">
                <NumberInput label={t('seed')} value={seed} onChange={setSeed} min={0} allowDecimal={false} w={110} />
                <NumberInput label={t('professionals')} value={pros} onChange={setPros} min={1} max={200} allowDecimal={false} w={130} />
                <NumberInput label={t('requests')} value={requests} onChange={setRequests} min={1} max={1000} allowDecimal={false} w={130} />
                <NumberInput label={t('sampleDays')} value={days} onChange={setDays} min={1} max={14} allowDecimal={false} w={90} />
              </Group>
            </>
          )}
          <Group align="end" gap="sm" wrap="wrap">
            <NumberInput label={t('timeLimit')} value={seconds} onChange={setSeconds} min={0.2} max={30} step={0.5} decimalScale={1} w={160} />
            <Button loading={run.isPending} onClick={submit}>{t('run')}</Button>
          </Group>
        </Stack>
      </Card>
      {run.isError && <PlanningProblem error={run.error} />}
      {run.isPending && <Alert variant="light" mb="md">{t('running')}</Alert>}
      {run.data && !run.isPending && <OptimizeResult r={run.data} />}
    </>
  );
}
