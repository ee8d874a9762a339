import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from './api.ts';

// Dark shades under white text: every state reads at a contrast above 4.5:1.
const COLOR: Record<AppointmentStatus, string> = { held: 'gray.8', requested: 'indigo.9', confirmed: 'teal.9', proposed: 'blue.9', completed: 'cyan.9', cancelled: 'gray.8', declined: 'red.9', expired: 'gray.8' };

/** An appointment's state in words and colour. */
export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation('planning');
  return <Badge color={COLOR[status]} variant="filled">{t(`status.${status}`)}</Badge>;
}
