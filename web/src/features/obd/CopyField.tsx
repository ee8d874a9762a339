import { Button, CopyButton, Group, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** One credential, shown in monospace, with a button that copies it. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation('obd');
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Group component="dd" m={0} gap="xs" wrap="nowrap" justify="space-between">
        <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
          {value}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="xs" variant={copied ? 'filled' : 'default'} onClick={copy} style={{ flexShrink: 0 }}>
              {copied ? t('copied') : t('copy')}
              <VisuallyHidden> : {label}</VisuallyHidden>
            </Button>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}
