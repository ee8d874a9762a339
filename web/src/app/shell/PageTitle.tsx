import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useNavigationType } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * The page's one h1, also its document title. After a link or a redirect inside the app, focus
 * moves to it, so that screen-reader and keyboard users start at the new page rather than the old link.
 */
export function PageTitle({ children, mb = 'md' }: { children: string; mb?: 'md' | 0 }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation('common');
  const navigation = useNavigationType();
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  // A first load or a back/forward (POP) keeps the browser's own focus and scroll.
  useEffect(() => {
    if (navigation !== 'POP') ref.current?.focus();
  }, [navigation]);
  return (
    <Title order={1} ref={ref} tabIndex={-1} size="h2" mb={mb} style={{ outline: 'none' }}>
      {children}
    </Title>
  );
}
