import { Badge, Button, FileInput, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/shell/Loading.tsx';
import { PageTitle } from '../../app/shell/PageTitle.tsx';
import { ScrollRegion } from '../flash/ScrollRegion.tsx';
import { type ConversionStatus, type Reconciliation, usePartners, useReconcile } from './api.ts';
import { useNumbers } from './money.ts';
import { AffiliationProblem } from './problem.tsx';
import { ConversionBadge } from './StatementTable.tsx';

type Line = { orderId: string; amount: number; status: string };

/** One list of the result: its title with its count, then its orders (or "none"). */
function OrderList({ id, title, count, color, head, rows }: { id: string; title: string; count: number; color: string; head: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  const { t } = useTranslation('affiliation');
  return (
    <section aria-labelledby={id}>
      <Group gap="xs" mt="lg" mb="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Badge color={color} variant="filled" aria-hidden>
          {count}
        </Badge>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">{t('emptyList')}</Text>
      ) : (
        <ScrollRegion label={title}>
          <Table striped maw={900}>
            <Table.Thead>
              <Table.Tr>
                {head.map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  {r.cells.map((c, i) => (i === 0 ? <Table.Th key={i} scope="row" fw={500} ff="monospace">{c}</Table.Th> : <Table.Td key={i}>{c}</Table.Td>))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}

function ReconciliationResult({ result, currency }: { result: Reconciliation; currency: string }) {
  const { t } = useTranslation('affiliation');
  const n = useNumbers();
  const money = (cents: number) => n.money(cents, currency);
  const status = (s: string) => <ConversionBadge status={s as ConversionStatus} />;
  const line = (l: Line) => ({ key: l.orderId, cells: [l.orderId, money(l.amount), status(l.status)] });
  const ours = (o: Line & { commission: number }) => ({ key: o.orderId, cells: [o.orderId, money(o.amount), status(o.status), money(o.commission)] });
  const s = result.summary;
  return (
    <div>
      <Text fw={500} mt="md" role="status">
        {t('summary', s)} — {t('allExplained')}
      </Text>
      <OrderList id="rec-matched" title={t('matched')} count={s.matched} color="teal.9" head={[t('order'), t('amount'), t('status'), t('commission')]} rows={result.matched.map(ours)} />
      <OrderList
        id="rec-mismatched"
        title={t('mismatched')}
        count={s.mismatched}
        color="orange.9"
        head={[t('order'), t('difference'), t('ours'), t('theirs')]}
        rows={result.mismatched.map((m) => ({
          key: m.orderId,
          cells: [
            m.orderId,
            m.fields.map((f) => t(`field.${f}`)).join(', '),
            <Stack key="ours" gap={4} align="flex-start">{money(m.ours.amount)} {status(m.ours.status)}</Stack>,
            <Stack key="theirs" gap={4} align="flex-start">{money(m.theirs.amount)} {status(m.theirs.status)}</Stack>,
          ],
        }))}
      />
      <OrderList id="rec-missing-ours" title={t('missingOurs')} count={s.missingOurs} color="red.9" head={[t('order'), t('amount'), t('status')]} rows={result.missingOurs.map(line)} />
      <OrderList id="rec-missing-theirs" title={t('missingTheirs')} count={s.missingTheirs} color="red.9" head={[t('order'), t('amount'), t('status'), t('commission')]} rows={result.missingTheirs.map(ours)} />
    </div>
  );
}

/** Admin: a partner's statement CSV against our conversions — matched, mismatched, missing on either side. */
export function ReconciliationPage() {
  const { t } = useTranslation('affiliation');
  const partners = usePartners();
  const reconcile = useReconcile();
  const [partnerId, setPartnerId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const items = partners.data?.items ?? [];
  const chosen = items.find((p) => p.id === partnerId) ?? items[0];
  return (
    <>
      <PageTitle>{t('reconciliationTitle')}</PageTitle>
      <Text mb="md" maw={720}>
        {t('reconciliationIntro')}
      </Text>
      {partners.isPending && <Loading />}
      {partners.isError && <AffiliationProblem error={partners.error} onRetry={() => void partners.refetch()} />}
      {partners.isSuccess && items.length === 0 && <Text>{t('noPartner')}</Text>}
      {chosen && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (file) reconcile.mutate({ partnerId: chosen.id, file, ...(from ? { from } : {}), ...(to ? { to } : {}) });
          }}
        >
          <Stack maw={640} gap="sm">
            <NativeSelect label={t('partner')} data={items.map((p) => ({ value: p.id, label: p.name }))} value={chosen.id} onChange={(e) => setPartnerId(e.currentTarget.value)} required />
            <FileInput label={t('statementFile')} accept=".csv,text/csv,text/plain" value={file} onChange={setFile} required />
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput type="date" label={t('fromOptional')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
              <TextInput type="date" label={t('toOptional')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={reconcile.isPending} disabled={!file}>
                {t('reconcile')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {reconcile.isError && <AffiliationProblem error={reconcile.error} />}
      {reconcile.data && chosen && <ReconciliationResult result={reconcile.data} currency={chosen.currency} />}
    </>
  );
}
