import { Button, CopyButton, Group, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A short link with buttons to copy it and, where the device can, to share it (the phone's share sheet). */
export function ShortLink({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation('affiliation');
  const canShare = typeof navigator.share === 'function';
  return (
    <Group gap="xs" wrap="wrap">
      <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
        {url}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button size="xs" variant={copied ? 'filled' : 'default'} onClick={copy}>
              {copied ? t('copied') : t('copy')}
              <VisuallyHidden> {url}</VisuallyHidden>
            </Button>
          )}
        </CopyButton>
        {canShare && (
          <Button size="xs" variant="default" onClick={() => void navigator.share({ title, url }).catch(() => undefined)}>
            {t('share')}
            <VisuallyHidden> {url}</VisuallyHidden>
          </Button>
        )}
      </Group>
    </Group>
  );
}
