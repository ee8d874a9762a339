import { Button, Group, NativeSelect, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth/use-session.ts';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { type GroupBy, type ReportRow, useDownloadStatement, useReport, useStatement } from './api.ts';
import { DailyChart } from './DailyChart.tsx';
import { lastDays, useNumbers } from './money.ts';
import { AffiliationProblem, refusalOf } from './problem.tsx';
import { ReportTable } from './ReportTable.tsx';
import { StatementTable } from './StatementTable.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Clicks and commissions by day (charts), the report table by day, partner or link, and the commission statement with its CSV. */
export function ReportsPage() {
  const { t } = useTranslation('affiliation');
  const numbers = useNumbers();
  const me = useMe();
  const [typed, setTyped] = useState(() => lastDays(30));
  // The queries follow the range once both days are complete dates (a date input is empty mid-edit).
  const [range, setRange] = useState(typed);
  const [groupBy, setGroupBy] = useState<GroupBy>('link');
  const daily = useReport(range, 'day');
  const grouped = useReport(range, groupBy);
  const statement = useStatement(range);
  const download = useDownloadStatement();

  const setDay = (which: 'from' | 'to', value: string) => {
    const next = { ...typed, [which]: value };
    setTyped(next);
    if (DAY.test(next.from) && DAY.test(next.to)) setRange(next);
  };
  const days = useMemo(() => (daily.data?.rows ?? []).map((r) => r.key), [daily.data]);
  const clicks = useMemo(() => (daily.data?.rows ?? []).map((r) => r.clicks), [daily.data]);
  const commissions = useMemo(() => (daily.data?.rows ?? []).map((r) => r.commission), [daily.data]);
  const currency = daily.data?.rows[0]?.currency ?? 'EUR';
  const chartLabel = (series: string) => t('chartLabel', { series, from: numbers.day(range.from), to: numbers.day(range.to) });

  const keyLabel = (row: ReportRow) => {
    if (groupBy === 'day') return numbers.day(row.key);
    if (row.key === 'unattributed' || row.key === 'none') return t('unattributed');
    return row.label ?? row.key;
  };
  const groupings: GroupBy[] = me.data?.role === 'admin' ? ['day', 'partner', 'link', 'professional'] : ['day', 'partner', 'link'];
  const entries = statement.data?.pages.flatMap((p) => p.items) ?? [];
  const refused = refusalOf(daily.error, grouped.error, statement.error);
  if (refused)
    return (
      <>
        <PageTitle>{t('reportsTitle')}</PageTitle>
        <AffiliationProblem error={refused} />
      </>
    );

  return (
    <>
      <PageTitle>{t('reportsTitle')}</PageTitle>
      <Group align="flex-end" mb="md">
        <TextInput type="date" label={t('from')} value={typed.from} max={typed.to} onChange={(e) => setDay('from', e.currentTarget.value)} />
        <TextInput type="date" label={t('to')} value={typed.to} min={typed.from} onChange={(e) => setDay('to', e.currentTarget.value)} />
      </Group>
      {daily.isPending && <Loading />}
      {daily.isError && <AffiliationProblem error={daily.error} onRetry={() => void daily.refetch()} />}
      {daily.isSuccess && (
        <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
          <section aria-labelledby="affiliation-clicks-chart">
            <Title order={2} size="h4" id="affiliation-clicks-chart">
              {t('clicksChart')}
            </Title>
            <DailyChart label={chartLabel(t('clicksChart'))} days={days} values={clicks} tag={numbers.tag} color="#1c7ed6" />
          </section>
          <section aria-labelledby="affiliation-commission-chart">
            <Title order={2} size="h4" id="affiliation-commission-chart">
              {t('commissionChart', { currency })}
            </Title>
            <DailyChart label={chartLabel(t('commissionChart', { currency }))} days={days} values={commissions} tag={numbers.tag} currency={currency} color="#0ca678" />
          </section>
        </SimpleGrid>
      )}

      <Group justify="space-between" align="flex-end" mb="xs">
        <Title order={2} size="h3">
          {t('reportTable')}
        </Title>
        <NativeSelect label={t('groupBy')} value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value as GroupBy)} data={groupings.map((g) => ({ value: g, label: t(`groupBy.${g}`) }))} />
      </Group>
      {grouped.isPending && <Loading />}
      {grouped.isError && <AffiliationProblem error={grouped.error} onRetry={() => void grouped.refetch()} />}
      {grouped.isSuccess && grouped.data.rows.length === 0 && <Text>{t('noRows')}</Text>}
      {grouped.isSuccess && grouped.data.rows.length > 0 && <ReportTable rows={grouped.data.rows} keyLabel={keyLabel} caption={`${t('reportTable')} — ${t(`groupBy.${groupBy}`)}`} />}

      <Group justify="space-between" align="flex-end" mt="xl" mb="xs">
        <Title order={2} size="h3">
          {t('statementTitle')}
        </Title>
        <Button variant="default" loading={download.isPending} onClick={() => download.mutate(range)}>
          {t('downloadCsv')}
        </Button>
      </Group>
      {download.isError && <AffiliationProblem error={download.error} />}
      {statement.isPending && <Loading />}
      {statement.isError && <AffiliationProblem error={statement.error} onRetry={() => void statement.refetch()} />}
      {statement.isSuccess && entries.length === 0 && <Text>{t('noStatement')}</Text>}
      {entries.length > 0 && <StatementTable entries={entries} caption={t('statementTitle')} />}
      {statement.hasNextPage && (
        <Button variant="default" mt="sm" loading={statement.isFetchingNextPage} onClick={() => void statement.fetchNextPage()}>
          {t('common:loadMore')}
        </Button>
      )}
    </>
  );
}
