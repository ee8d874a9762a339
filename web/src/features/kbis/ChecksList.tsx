import { Badge, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KbisCheck } from './api.ts';

// Dark shades, filled: white on them keeps a 4.5:1 contrast (the light badges did not).
const COLORS = { true: 'teal.9', false: 'red.8', null: 'gray.7' } as const;

/**
 * Each check in plain words, with its outcome and, when it failed, why. The pro is addressed as
 * "you"; admins read the same checks about "the account", with the engine's detail.
 */
export function ChecksList({ checks, audience }: { checks: KbisCheck[]; audience: 'pro' | 'admin' }) {
  const { t } = useTranslation('kbis');
  const words = (kind: 'check' | 'reason', code: string, fallback: string) =>
    audience === 'admin' ? t(`admin.${kind}.${code}`, { defaultValue: t(`${kind}.${code}`, { defaultValue: fallback }) }) : t(`${kind}.${code}`, { defaultValue: fallback });
  return (
    <List spacing="xs" listStyleType="none" p={0} aria-label={t('checks')}>
      {checks.map((c) => {
        const outcome = String(c.passed) as 'true' | 'false' | 'null';
        return (
          <List.Item key={c.code} icon={<ThemeIcon color={COLORS[outcome]} size="sm" radius="xl" aria-hidden>{c.passed ? '✓' : c.passed === false ? '✗' : '?'}</ThemeIcon>}>
            <Stack gap={0}>
              <Text size="sm">
                {words('check', c.code, c.code)}{' '}
                <Badge size="xs" variant="filled" color={COLORS[outcome]}>
                  {t(`outcome.${outcome}`)}
                </Badge>
              </Text>
              {c.passed === false && c.reason && (
                <Text size="xs" c="dimmed">
                  {words('reason', c.reason, c.detail)}
                </Text>
              )}
              {audience === 'admin' && (
                <Text size="xs" c="dimmed" lang="en">
                  {c.detail}
                </Text>
              )}
            </Stack>
          </List.Item>
        );
      })}
    </List>
  );
}
