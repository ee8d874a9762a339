import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '../api/problem-text.ts';

/** A failure in plain words, with a way to try again when there is one. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const text = useProblemText();
  const { t } = useTranslation('common');
  return (
    <Alert color="red" variant="light" role="alert" my="md">
      {text(error)}
      {onRetry && (
        <Button variant="outline" color="red" size="xs" ml="sm" onClick={onRetry}>
          {t('retry')}
        </Button>
      )}
    </Alert>
  );
}
