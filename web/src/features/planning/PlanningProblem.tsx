import { useTranslation } from 'react-i18next';
import { useProblemText } from '../../app/api/problem-text.ts';
import { ApiError } from '../../app/api/problem.ts';
import { ProblemAlert } from '../../app/shell/ProblemAlert.tsx';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const REQUEST_FIELDS = ['id', 'service', 'lat', 'lon', 'urgency', 'earliest', 'latest'];
const FORM_FIELDS = ['name', 'address', 'lat', 'lon', 'capacity', 'bufferMin', 'timezone', 'services', 'closures', 'openingHours', 'requests', 'from', 'days', 'timeLimitMs', 'sample'];

/** The field a validation path points at, in the form's words ("location.lat" → latitude). */
function fieldOf(path: string): string | undefined {
  const parts = path.split('.');
  return parts.find((part) => FORM_FIELDS.includes(part));
}

/**
 * The words for a failure: planning's own codes from this feature's messages (with the day,
 * closure or request they point at), the platform's from the shell's.
 */
export function usePlanningProblemText(): (error: unknown) => string {
  const { t, i18n } = useTranslation('planning');
  const platformText = useProblemText();
  return (error) => {
    if (!(error instanceof ApiError)) return platformText(error);
    const p = error.problem as ApiError['problem'] & { day?: string; index?: number; path?: string };
    if (p.code === 'VALIDATION_FAILED') {
      const fields = [...new Set((p.errors ?? []).map((e) => fieldOf(e.path)).filter((f) => f !== undefined))];
      return fields.length ? [t('problems.VALIDATION_FAILED'), t('problemWhere.fields', { fields: fields.map((f) => t(`field.${f}`)).join(', ') })].join(' ') : platformText(error);
    }
    const key = `problems.${p.code}`;
    if (!i18n.exists(key, { ns: 'planning' })) return platformText(error);
    const where: string[] = [];
    if (p.code === 'OPENING_HOURS_INVALID' && p.day && DAYS.includes(p.day)) where.push(t('problemWhere.day', { day: t(`days.${p.day}`) }));
    if (p.code === 'CLOSURE_INVALID' && typeof p.index === 'number') where.push(t('problemWhere.closure', { n: p.index + 1 }));
    if (p.code === 'OPTIMIZE_REQUESTS_INVALID') {
      // "3.urgency": the fourth request's urgency field; no field is the request (or the list) as a whole.
      const [index, field] = (p.path ?? '').split('.');
      if (index && /^\d+$/.test(index)) where.push(t('problemWhere.request', { n: Number(index) + 1 }));
      where.push(field && REQUEST_FIELDS.includes(field) ? t(`requestField.${field}`) : t('problemWhere.requestsShape'));
    }
    return [t(key), ...where].join(' ');
  };
}

/** A failure in plain words (planning's own where it has them), with a way to try again when there is one. */
export function PlanningProblem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const text = usePlanningProblemText();
  return <ProblemAlert error={error} onRetry={onRetry} text={text} />;
}
