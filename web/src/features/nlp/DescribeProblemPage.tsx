import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../app/api/problem.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';
import { useVehicles } from '../vehicles/api.ts';
import { AnalysisResult } from './AnalysisResult.tsx';
import { useAnalyze } from './api.ts';

// The API's MAX_TEXT_LENGTH (not imported: that module brings the whole analysis with it), and
// characters counted as the API counts them: code points, so an emoji is one.
const MAX_TEXT_LENGTH = 5000;
const length = (s: string) => [...s.trim()].length;

/** "Décrire un problème": the owner's words (and vehicle) in, the understanding out, then booking. */
export function DescribeProblemPage() {
  const { t, i18n } = useTranslation('nlp');
  const [params] = useSearchParams();
  const vehicles = useVehicles();
  const analyze = useAnalyze();
  const codes = params.get('codes')?.split(',').filter((c) => /^[PCBU][0-9A-F]{4}$/i.test(c)) ?? [];
  const [text, setText] = useState(codes.length > 0 ? t('codesPrefill', { codes: codes.join(', ') }) : '');
  const [vehicleId, setVehicleId] = useState<string | null>(params.get('vehicleId'));
  const [tried, setTried] = useState(false);
  const items = vehicles.data?.pages.flatMap((p) => p.items) ?? [];
  const chosen = items.find((v) => v.id === vehicleId);
  const n = length(text);
  const serverCode = analyze.error instanceof ApiError ? analyze.error.problem.code : undefined;
  const fieldError =
    (tried && n === 0) || serverCode === 'TEXT_EMPTY'
      ? t('textEmpty')
      : n > MAX_TEXT_LENGTH || serverCode === 'TEXT_TOO_LONG'
        ? t('textTooLong', { max: MAX_TEXT_LENGTH })
        : undefined;
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <Text mb="md" maw={720}>
        {t('intro')}
      </Text>
      {vehicles.isPending && <Loading />}
      {vehicles.isError && <ProblemAlert error={vehicles.error} onRetry={() => void vehicles.refetch()} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (n === 0 || n > MAX_TEXT_LENGTH) return;
          analyze.mutate({ text, locale: i18n.language, ...(chosen ? { vehicle: { make: chosen.make, model: chosen.model, year: chosen.year } } : {}) });
        }}
      >
        <Stack maw={720} gap="sm">
          {vehicles.isSuccess &&
            (items.length > 0 ? (
              <Select
                label={t('vehicle')}
                description={t('vehicleHint')}
                placeholder={t('vehicleNone')}
                data={items.map((v) => ({ value: v.id, label: `${v.make} ${v.model} (${v.plate})` }))}
                value={chosen ? vehicleId : null}
                onChange={setVehicleId}
                clearable
              />
            ) : (
              <Text size="sm" c="dimmed">
                {t('noVehicle')}
              </Text>
            ))}
          <Textarea
            label={t('text')}
            description={t('textHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={4}
            maxRows={12}
            required
            error={fieldError}
          />
          <Text size="xs" c={n > MAX_TEXT_LENGTH ? 'red' : 'dimmed'} aria-live="polite">
            {t('textCount', { count: n, max: MAX_TEXT_LENGTH })}
          </Text>
          <Group>
            <Button type="submit" loading={analyze.isPending}>
              {t('analyze')}
            </Button>
          </Group>
        </Stack>
      </form>
      {analyze.isError && !fieldError && <ProblemAlert error={analyze.error} />}
      {analyze.data && !analyze.isPending && <AnalysisResult analysis={analyze.data} vehicleId={chosen ? chosen.id : null} />}
    </>
  );
}
