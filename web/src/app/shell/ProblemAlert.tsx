import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '../api/problem-text.ts';

/**
 * A failure in plain words, with a way to try again when there is one. `text` gives a feature's
 * own words for its codes (e.g. planning's); by default the platform's.
 */
export function ProblemAlert({ error, onRetry, text }: { error: unknown; onRetry?: () => void; text?: (error: unknown) => string }) {
  const platformText = useProblemText();
  const { t } = useTranslation('common');
  return (
    <Alert color="red" variant="light" role="alert" my="md">
      {(text ?? platformText)(error)}
      {onRetry && (
        <Button variant="outline" color="red" size="xs" ml="sm" onClick={onRetry}>
          {t('retry')}
        </Button>
      )}
    </Alert>
  );
}
