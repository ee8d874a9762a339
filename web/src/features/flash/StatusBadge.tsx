import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JobStatus } from './api.ts';

const COLOURS: Record<JobStatus, string> = {
  awaiting_precheck: 'gray', awaiting_backup: 'gray', ready: 'blue', flashing: 'orange', verifying: 'orange', completed: 'green', failed: 'red', rolled_back: 'violet',
};

/** A job's state in words and colour. */
export function StatusBadge({ status }: { status: JobStatus }) {
  const { t } = useTranslation('flash');
  return <Badge color={COLOURS[status]} variant="light" c="dark.8">{t(`status.${status}`)}</Badge>;
}
