import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown while a page waits for the API: a spinner with its words for screen readers. */
export function Loading() {
  const { t } = useTranslation('common');
  return (
    <Center py="xl" role="status">
      <Loader aria-hidden="true" size="md" />
      <VisuallyHidden>{t('loading')}</VisuallyHidden>
    </Center>
  );
}
