import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

/**
 * The page's one h1, also its document title. After a navigation inside the app, focus moves to
 * it, so that screen-reader and keyboard users start at the new page rather than the old link.
 */
export function PageTitle({ children, mb = 'md' }: { children: string; mb?: 'md' | 0 }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation('common');
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <Title order={1} ref={ref} tabIndex={-1} size="h2" mb={mb} style={{ outline: 'none' }}>
      {children}
    </Title>
  );
}
