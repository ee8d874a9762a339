import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SkipLink } from './SkipLink.tsx';

/** The frame of pages shown signed out: the name, the language switch, the page. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <>
      <SkipLink />
      <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700} size="lg" c="blue.9">
              {t('appName')}
            </Text>
            <LanguageSwitch compact />
          </Group>
        </Container>
      </Box>
      <Container size="md" py="lg" component="main" id="main">
        {children}
      </Container>
    </>
  );
}
