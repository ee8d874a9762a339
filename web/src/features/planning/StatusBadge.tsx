import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from './api.ts';

const COLOR: Record<AppointmentStatus, string> = { held: 'gray', requested: 'yellow', confirmed: 'green', proposed: 'blue', completed: 'teal', cancelled: 'gray', declined: 'red', expired: 'gray' };

/** An appointment's state in words and colour. */
export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation('planning');
  return <Badge color={COLOR[status]} variant="light">{t(`status.${status}`)}</Badge>;
}
