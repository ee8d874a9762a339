import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A new start (the device's local time, which the app assumes is Paris time) and a submit button. */
export function StartPicker({ label, onPick, loading }: { label: string; onPick: (iso: string) => void; loading: boolean }) {
  const { t } = useTranslation('planning');
  const [value, setValue] = useState('');
  return (
    <Group align="end" wrap="wrap">
      <TextInput type="datetime-local" label={label} step={900} value={value} onChange={(e) => setValue(e.currentTarget.value)} />
      <Button disabled={!value} loading={loading} onClick={() => onPick(new Date(value).toISOString())}>{t('send')}</Button>
    </Group>
  );
}
