import { Badge, Box, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { ScrollRegion } from '../flash/ScrollRegion.tsx';
import type { ConversionStatus, StatementEntry } from './api.ts';
import { useNumbers } from './money.ts';

// Dark shades under white text: each reads at a contrast above 4.5:1.
const STATUS_COLOR: Record<ConversionStatus, string> = { pending: 'indigo.9', approved: 'teal.9', reversed: 'gray.8' };

/** A conversion's status in words and colour. */
export function ConversionBadge({ status }: { status: ConversionStatus }) {
  const { t } = useTranslation('affiliation');
  return (
    // A visible overflow gives the label its full width in a narrow table column (never "VAL…").
    <Badge color={STATUS_COLOR[status]} variant="filled" styles={{ label: { overflow: 'visible' } }}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** Where a conversion came from: the link (and campaign), or why it was not attributed. */
function Origin({ e }: { e: StatementEntry }) {
  const { t } = useTranslation('affiliation');
  if (e.linkCode)
    return (
      <Text size="sm" ff="monospace">
        {e.linkCode}
        {e.campaign ? ` · ${e.campaign}` : ''}
      </Text>
    );
  return <Text size="sm">{e.unattributedReason ? t(`reason.${e.unattributedReason}`, { defaultValue: e.unattributedReason }) : t('unattributed')}</Text>;
}

/**
 * The commission statement's lines: when, which partner and order, its status, amount and
 * commission, and the link. A table from the `sm` breakpoint; on a phone, one card per sale.
 */
export function StatementTable({ entries, caption }: { entries: StatementEntry[]; caption: string }) {
  const { t } = useTranslation('affiliation');
  const format = useFormat();
  const n = useNumbers();
  return (
    <>
      <Stack component="ul" hiddenFrom="sm" aria-label={caption} p={0} m={0} gap="xs" style={{ listStyle: 'none' }}>
        {entries.map((e) => (
          <Paper component="li" key={e.id} withBorder p="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text ff="monospace" fw={600} style={{ wordBreak: 'break-all' }}>
                {e.orderId}
              </Text>
              <ConversionBadge status={e.status} />
            </Group>
            <Text size="sm">
              {e.partnerName} · {format.dateTime(e.receivedAt)}
            </Text>
            <Group justify="space-between" mt={4}>
              <Text size="sm">
                {t('amount')} {n.money(e.amount, e.currency)}
              </Text>
              <Text fw={600}>
                {t('commission')} {n.money(e.commission, e.currency)}
              </Text>
            </Group>
            <Origin e={e} />
          </Paper>
        ))}
      </Stack>
      <Box visibleFrom="sm">
        <ScrollRegion label={caption}>
          <Table striped miw={720} aria-label={caption}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('receivedAt')}</Table.Th>
                <Table.Th>{t('partner')}</Table.Th>
                <Table.Th>{t('order')}</Table.Th>
                <Table.Th>{t('status')}</Table.Th>
                <Table.Th ta="right">{t('amount')}</Table.Th>
                <Table.Th ta="right">{t('commission')}</Table.Th>
                <Table.Th>{t('link')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{format.dateTime(e.receivedAt)}</Table.Td>
                  <Table.Td>{e.partnerName}</Table.Td>
                  <Table.Th scope="row" fw={500} ff="monospace">
                    {e.orderId}
                  </Table.Th>
                  <Table.Td>
                    <ConversionBadge status={e.status} />
                  </Table.Td>
                  <Table.Td ta="right">{n.money(e.amount, e.currency)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {n.money(e.commission, e.currency)}
                  </Table.Td>
                  <Table.Td>
                    <Origin e={e} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Box>
    </>
  );
}
