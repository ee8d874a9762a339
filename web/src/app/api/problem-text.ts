import { useTranslation } from 'react-i18next';
import { ApiError } from './problem.ts';

/** The words for a problem `code` in the page's language; never the raw answer. */
export function useCodeText(): (code: string, status?: number) => string {
  const { t, i18n } = useTranslation('common');
  return (code, status = 0) => {
    const key = `problems.${code}`;
    return i18n.exists(key, { ns: 'common' }) ? t(key, { status }) : t('problems.UNKNOWN', { code });
  };
}

/** The words for a failure (an ApiError by its code; anything else as a network failure). */
export function useProblemText(): (error: unknown) => string {
  const codeText = useCodeText();
  return (error) => (error instanceof ApiError ? codeText(error.problem.code, error.problem.status) : codeText('NETWORK_ERROR'));
}
