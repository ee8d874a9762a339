import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../flash/ScrollRegion.tsx';
import type { ReportRow } from './api.ts';
import { useNumbers } from './money.ts';

/** The report's rows, one per key (day, partner, link or professional), bots counted apart with their reasons. */
export function ReportTable({ rows, keyLabel, caption }: { rows: ReportRow[]; keyLabel: (row: ReportRow) => string; caption: string }) {
  const { t } = useTranslation('affiliation');
  const n = useNumbers();
  const botText = (r: ReportRow) =>
    Object.entries(r.botReasons)
      .map(([reason, count]) => `${t(`bot.${reason}`, { defaultValue: reason })} ${count}`)
      .join(', ');
  return (
    <ScrollRegion label={caption}>
      <Table striped miw={760} aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('key')}</Table.Th>
            <Table.Th ta="right">{t('clicks')}</Table.Th>
            <Table.Th ta="right">{t('uniqueClicks')}</Table.Th>
            <Table.Th ta="right">{t('botClicks')}</Table.Th>
            <Table.Th ta="right">{t('conversions')}</Table.Th>
            <Table.Th ta="right">{t('revenue')}</Table.Th>
            <Table.Th ta="right">{t('commission')}</Table.Th>
            <Table.Th ta="right">{t('conversionRate')}</Table.Th>
            <Table.Th ta="right">{t('epc')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={500}>
                {keyLabel(r)}
              </Table.Th>
              <Table.Td ta="right">{n.count(r.clicks)}</Table.Td>
              <Table.Td ta="right">{n.count(r.uniqueClicks)}</Table.Td>
              <Table.Td ta="right">
                {n.count(r.botClicks)}
                {r.botClicks > 0 && (
                  <Text size="xs" c="dimmed">
                    {botText(r)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{n.count(r.conversions)}</Table.Td>
              <Table.Td ta="right">{n.money(r.revenue, r.currency ?? 'EUR')}</Table.Td>
              <Table.Td ta="right">{n.money(r.commission, r.currency ?? 'EUR')}</Table.Td>
              <Table.Td ta="right">{n.percent(r.conversionRate)}</Table.Td>
              <Table.Td ta="right">{n.money(Math.round(r.epc), r.currency ?? 'EUR')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
