import { useTranslation } from 'react-i18next';
import type { CommissionRule } from './api.ts';
import { useNumbers } from './money.ts';

/** A partner's commission in words: "4,5 % du montant", "5,00 € par vente", then its category overrides. */
export function useCommissionText(): (commission: unknown, currency: string) => string {
  const { t } = useTranslation('affiliation');
  const numbers = useNumbers();
  const one = (r: { type: 'percent' | 'fixed'; value: number }, currency: string) =>
    r.type === 'percent' ? t('commissionText', { value: new Intl.NumberFormat(numbers.tag).format(r.value) }) : t('commissionFixedText', { value: numbers.money(r.value, currency) });
  return (commission, currency) => {
    const rule = commission as CommissionRule;
    const overrides = Object.entries(rule.byCategory ?? {}).map(([category, r]) => `${category} : ${one(r, currency)}`);
    return [one(rule, currency), ...overrides].join(' · ');
  };
}
