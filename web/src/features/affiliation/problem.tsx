import { Alert, Button, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProblemText } from '../../app/api/problem-text.ts';
import { ApiError } from '../../app/api/problem.ts';

/** The words for a failure: the affiliation API's own codes from this feature's messages, the platform's from the shell's. */
export function useAffiliationProblemText(): (error: unknown) => string {
  const { t, i18n } = useTranslation('affiliation');
  const platformText = useProblemText();
  return (error) => {
    const key = error instanceof ApiError ? `problems.${error.problem.code}` : undefined;
    return key && i18n.exists(key, { ns: 'affiliation' }) ? t(key) : platformText(error);
  };
}

/** The first refusal among queries (403: not a role or not verified yet), which the page then shows alone instead of once per query. */
export function refusalOf(...errors: unknown[]): ApiError | undefined {
  return errors.find((e): e is ApiError => e instanceof ApiError && e.problem.status === 403);
}

/** A failure in plain words (a statement's unreadable lines listed by number), with a way to try again when there is one. */
export function AffiliationProblem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const text = useAffiliationProblemText();
  const { t } = useTranslation('affiliation');
  const { t: common } = useTranslation('common');
  const lines = error instanceof ApiError && error.problem.code === 'STATEMENT_INVALID' ? ((error.problem as { errors?: { line: number; code?: string }[] }).errors ?? []) : [];
  return (
    <Alert color="red" variant="light" role="alert" my="md">
      {text(error)}
      {lines.length > 0 && (
        <List size="sm" mt="xs">
          {lines.map((l) => (
            <List.Item key={`${l.line}-${l.code}`}>{t('lineError', { line: l.line, message: t(`statementError.${l.code ?? 'CSV_INVALID'}`) })}</List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Button variant="outline" color="red" size="xs" ml="sm" onClick={onRetry}>
          {common('retry')}
        </Button>
      )}
    </Alert>
  );
}
